using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>RACE004: a value read by SELECT, computed on in code, written back by UPDATE.</summary>
    public sealed class Race004Tests
    {
        [Fact]
        public async Task CaseStudy_SelectComputeUpdate_IsFlaggedAtTheUpdate()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var stock = await {|#1:db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku })|};
        var updated = stock + delta;
        await {|#0:db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated, sku })|};
"""), null,
                Verify.Diagnostic("RACE004").WithLocation(0).WithLocation(1).WithArguments("""db.ExecuteAsync("UPDATE products SET current_stock =…""", "products.current_stock", """db.QuerySingleAsync<int>("SELECT current_stock FROM…""", "14", "current_stock", "+"));
        }

        [Fact]
        public async Task ValueThroughRecordMemberAndNamedAnonymousMember_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var product = await db.QuerySingleAsync<Product>("SELECT sku, current_stock FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @stock WHERE sku = @sku", new { stock = product.CurrentStock - delta, sku })|};
"""));
        }

        [Fact]
        public async Task ValueThroughTupleDeconstruction_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var (current, reserved) = await db.QuerySingleAsync<(int, int)>("SELECT current_stock, reserved FROM products WHERE sku = @sku", new { sku });
        var next = Math.Max(0, current - delta);
        {|RACE004:db.Execute("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku })|};
"""));
        }

        [Fact]
        public async Task AdoNetReaderAndAddWithValue_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        int stock;
        await using (var read = new NpgsqlCommand("SELECT current_stock FROM products WHERE sku = @sku", db))
        {
            read.Parameters.AddWithValue("sku", sku);
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            stock = reader.GetInt32(0);
        }

        await using var write = new NpgsqlCommand("UPDATE products SET current_stock = @value WHERE sku = @sku", db);
        write.Parameters.AddWithValue("@value", stock + delta);
        write.Parameters.AddWithValue("@sku", sku);
        await {|RACE004:write.ExecuteNonQueryAsync()|};
"""));
        }

        [Fact]
        public async Task AdoNetScalarAndParametersAddValue_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var read = db.CreateCommand();
        read.CommandText = "SELECT current_stock FROM products WHERE sku = @sku";
        read.Parameters.AddWithValue("sku", sku);
        var stock = (int)(await read.ExecuteScalarAsync())!;

        await using var write = db.CreateCommand();
        write.CommandText = "UPDATE products SET current_stock = @value WHERE sku = @sku";
        write.Parameters.Add("value", NpgsqlTypes.NpgsqlDbType.Integer).Value = stock - delta;
        write.Parameters.Add(new NpgsqlParameter("sku", sku));
        {|RACE004:write.ExecuteNonQuery()|};
"""));
        }

        [Fact]
        public async Task ConstantFieldSql_IsRead()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        const string select = "SELECT current_stock FROM products " + "WHERE sku = @sku";
        var stock = await db.QuerySingleAsync<int>(select, new { sku });
        {|RACE004:db.Execute(Update, new { updated = stock + delta, sku })|};
""").Replace("public sealed class InventoryHandler\n{", "public sealed class InventoryHandler\n{\n    private const string Update = @\"UPDATE products\n        SET current_stock = @updated\n        WHERE sku = @sku\";\n"));
        }
    }
}
