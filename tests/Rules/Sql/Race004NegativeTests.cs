using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>Look-alikes of RACE004 that are safe.</summary>
    public sealed class Race004NegativeTests
    {
        [Fact]
        public async Task AtomicUpdateInSql_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
"""));
        }

        [Fact]
        public async Task SelectForUpdateInATransaction_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE", new { sku }, tx);
        await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku }, tx);
        await tx.CommitAsync();
"""));
        }

        [Theory]
        [InlineData("IsolationLevel.Serializable")]
        [InlineData("IsolationLevel.RepeatableRead")]
        public async Task SerializableOrRepeatableReadOnPostgres_IsClean(string level)
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync(
""" + level + """
);
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku }, tx);
        await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku }, tx);
        await tx.CommitAsync();
"""));
        }

        [Fact]
        public async Task CompareAndSetOnTheOldValue_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        var changed = await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku AND current_stock = @stock", new { updated = stock + delta, sku, stock });
"""));
        }

        [Fact]
        public async Task CompareAndSetOnAVersionColumn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var row = await db.QuerySingleAsync<(int Stock, int Version)>("SELECT current_stock, version FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = @updated, version = version + 1 WHERE sku = @sku AND version = @version", new { updated = row.Stock + delta, sku, version = row.Version });
"""));
        }

        [Fact]
        public async Task ReadOnlyPicksTheRow_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var id = await db.QuerySingleAsync<int>("SELECT id FROM products WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = @delta WHERE id = @id", new { delta, id });
"""));
        }

        [Fact]
        public async Task ReadOfAnotherTable_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var threshold = await db.QuerySingleAsync<int>("SELECT current_stock FROM settings WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("UPDATE products SET current_stock = @threshold WHERE sku = @sku", new { threshold, sku });
"""));
        }

        [Fact]
        public async Task ValueNotDerivedFromTheRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        Console.WriteLine(stock);
        await db.ExecuteAsync("UPDATE products SET current_stock = @delta WHERE sku = @sku", new { delta, sku });
"""));
        }

        [Fact]
        public async Task UpdateBeforeTheRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await db.ExecuteAsync("UPDATE products SET current_stock = @delta WHERE sku = @sku", new { delta, sku });
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
"""));
        }
    }
}
