using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>RACE004/RACE005 on SQL from EF Core raw-SQL APIs and interpolated strings (holes and placeholders are parameters).</summary>
    public sealed class SqlSourcesTests
    {
        private static string Ef(string body) => """
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

public sealed class Shop : DbContext { }

public sealed class Handler
{
    public async Task HandleAsync(Shop shop, string sku, int delta, string eventId)
    {

""" + body + """

    }
}

""";

        [Fact]
        public async Task EfSqlQueryThenExecuteSqlInterpolated_IsRace004()
        {
            await Verify.VerifyAnalyzerAsync(Ef("""

        var stock = await shop.Database.SqlQuery<int>($"SELECT current_stock AS \"Value\" FROM products WHERE sku = {sku}").SingleAsync();
        var updated = stock + delta;
        await {|RACE004:shop.Database.ExecuteSqlAsync($"UPDATE products SET current_stock = {updated} WHERE sku = {sku}")|};
"""));
        }

        [Fact]
        public async Task EfExecuteSqlRawWithPlaceholders_IsRace004()
        {
            await Verify.VerifyAnalyzerAsync(Ef("""

        var stock = await shop.Database.SqlQueryRaw<int>("SELECT current_stock AS \"Value\" FROM products WHERE sku = {0}", sku).SingleAsync();
        {|RACE004:shop.Database.ExecuteSqlRaw("UPDATE products SET current_stock = {0} WHERE sku = {1}", stock - delta, sku)|};
"""));
        }

        [Fact]
        public async Task EfAtomicUpdate_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Ef("""

        var stock = await shop.Database.SqlQuery<int>($"SELECT current_stock AS \"Value\" FROM products WHERE sku = {sku}").SingleAsync();
        await shop.Database.ExecuteSqlAsync($"UPDATE products SET current_stock = current_stock + {delta} WHERE sku = {sku}");
"""));
        }

        [Fact]
        public async Task EfCountThenInsert_IsRace005()
        {
            await Verify.VerifyAnalyzerAsync(Ef("""

        var seen = await shop.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM processed_events WHERE event_id = {eventId}").SingleAsync();
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:shop.Database.ExecuteSqlAsync($"INSERT INTO processed_events (event_id) VALUES ({eventId})")|};
"""));
        }

        [Fact]
        public async Task DapperWithInterpolatedConstantParts_IsRead()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        const string table = "products";
        var stock = await db.QuerySingleAsync<int>($"SELECT current_stock FROM {table} WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync($"UPDATE {table} SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku })|};
"""));
        }
    }
}
