using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.ClaimInsertFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>RACE005's "Claim with ON CONFLICT DO NOTHING": exact output, where it is not offered, Fix All.</summary>
    public sealed class ClaimInsertFixTests
    {
        [Fact]
        public async Task CaseStudy_TheInsertBecomesTheClaim()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
"""), SqlCode.Handler("""

        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId });
        if (claimed == 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
"""));
        }

        [Fact]
        public async Task BoolExistsCheck_IsRestatedOnTheRowCount()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var exists = db.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", new { eventId });
        if (exists)
        {
            return;
        }

        db.Execute("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        {|RACE005:db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku)", new { eventId, sku })|};
        await Task.CompletedTask;
"""), SqlCode.Handler("""

        var claimed = db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku) ON CONFLICT (event_id) DO NOTHING", new { eventId, sku });
        if (claimed == 0)
        {
            return;
        }

        db.Execute("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        await Task.CompletedTask;
"""));
        }

        [Fact]
        public async Task CheckInsideTheCondition_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        if (!await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", new { eventId }))
        {
            {|RACE005:db.Execute("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
        }
"""));
        }

        [Fact]
        public async Task ResultUsedForSomethingElse_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        Console.WriteLine(seen);
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
"""));
        }
    }
}
