using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.AtomicUpdateFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>RACE004's "Update atomically in SQL": exact output, string kinds kept, where it is not offered, Fix All.</summary>
    public sealed class Race004FixTests
    {
        [Fact]
        public async Task CaseStudy_UpdateBecomesRelativeAndPassesTheDelta_AndTheUnusedSumGoes()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        var updated = stock + delta;
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated, sku })|};
"""), SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
"""));
        }

        [Fact]
        public async Task VerbatimSqlAndSubtractedExpression_KeepTheirLayout()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var product = await db.QuerySingleAsync<Product>("SELECT sku, current_stock FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync(@"
            UPDATE products
               SET current_stock = @stock
             WHERE sku = @sku", new { stock = product.CurrentStock - (delta * 2), sku })|};
"""), SqlCode.Handler("""

        var product = await db.QuerySingleAsync<Product>("SELECT sku, current_stock FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync(@"
            UPDATE products
               SET current_stock = current_stock - @delta
             WHERE sku = @sku", new { delta = delta * 2, sku });
"""));
        }

        [Fact]
        public async Task AdoNetAddWithValue_IsRebound()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await using var write = new NpgsqlCommand("UPDATE products SET current_stock = @value WHERE sku = @sku", db);
        write.Parameters.AddWithValue("@value", stock + delta);
        write.Parameters.AddWithValue("@sku", sku);
        await {|RACE004:write.ExecuteNonQueryAsync()|};
"""), SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await using var write = new NpgsqlCommand("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", db);
        write.Parameters.AddWithValue("@delta", delta);
        write.Parameters.AddWithValue("@sku", sku);
        await write.ExecuteNonQueryAsync();
"""));
        }

        [Fact]
        public async Task ValueNotAReadPlusOrMinusDelta_GetsNoAtomicFix_TheRowIsLockedInstead()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        var next = Math.Max(0, stock - delta);
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku })|};
"""), SqlCode.Handler("""

        await using var transaction = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        var next = Math.Max(0, stock - delta);
        await db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku }, transaction: transaction);
        await transaction.CommitAsync();
"""));
        }

        [Fact]
        public async Task SqlInAConstantUsedOnce_TheConstantIsRewritten()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        const string update = "UPDATE products SET current_stock = @updated WHERE sku = @sku";
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync(update, new { updated = stock + delta, sku })|};
"""), SqlCode.Handler("""

        const string update = "UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku";
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync(update, new { delta, sku });
"""));
        }

        [Fact]
        public async Task SqlInAPrivateConstantFieldUsedOnce_TheFieldIsRewritten()
        {
            static string Source(string update, string call) => """
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class StockWriter
{
""" + "    private const string Update = " + update + ";\n" + """

    public async Task ApplyAsync(NpgsqlConnection db, string sku, int delta)
    {
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
""" + "        " + call + ";\n" + """
    }
}
""";
            await Verify.VerifyCodeFixAsync(
                Source("\"UPDATE products SET current_stock = @updated WHERE sku = @sku\"", "await {|RACE004:db.ExecuteAsync(Update, new { updated = stock - delta, sku })|}"),
                Source("\"UPDATE products SET current_stock = current_stock - @delta WHERE sku = @sku\"", "await db.ExecuteAsync(Update, new { delta, sku })"));
        }

        [Fact]
        public async Task SqlInAConstantUsedTwice_GetsNoAtomicFix_TheRowIsLockedInstead()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        const string update = "UPDATE products SET current_stock = @updated WHERE sku = @sku";
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync(update, new { updated = stock + delta, sku })|};
        await db.ExecuteAsync(update, new { updated = 0, sku = "other" });
"""), SqlCode.Handler("""

        const string update = "UPDATE products SET current_stock = @updated WHERE sku = @sku";
        await using var transaction = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        await db.ExecuteAsync(update, new { updated = stock + delta, sku }, transaction: transaction);
        await transaction.CommitAsync();
        await db.ExecuteAsync(update, new { updated = 0, sku = "other" });
"""));
        }

        [Fact]
        public async Task FixAll_RewritesEveryUpdateOfTheDocument()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @a WHERE sku = @sku", new { a = stock + delta, sku })|};
        var reserved = await db.QuerySingleAsync<int>("SELECT reserved FROM holds WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync("UPDATE holds SET reserved = @b WHERE sku = @sku", new { b = reserved - 1, sku })|};
"""), SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
        var reserved = await db.QuerySingleAsync<int>("SELECT reserved FROM holds WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE holds SET reserved = reserved - @delta WHERE sku = @sku", new { delta = 1, sku });
"""));
        }
    
        [Fact]
        public async Task ClampInATransaction_GetsTheRowLocked()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku }, tx);
        var next = Math.Max(0, stock - delta);
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku }, tx)|};
        await tx.CommitAsync();
"""), SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE", new { sku }, tx);
        var next = Math.Max(0, stock - delta);
        await db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku }, tx);
        await tx.CommitAsync();
"""));
        }

        [Fact]
        public async Task ClampInATransaction_RawStringSelect_KeepsItsLayout()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler(""""

        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("""
            SELECT current_stock
            FROM products
            WHERE sku = @sku;
            """, new { sku }, tx);
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next = Math.Max(0, stock - delta), sku }, tx)|};
""""), SqlCode.Handler(""""

        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("""
            SELECT current_stock
            FROM products
            WHERE sku = @sku FOR UPDATE;
            """, new { sku }, tx);
        await db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next = Math.Max(0, stock - delta), sku }, tx);
""""));
        }
    }
}
