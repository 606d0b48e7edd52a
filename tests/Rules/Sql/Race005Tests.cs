using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>RACE005: an INSERT that runs only when an earlier existence check on the same key found nothing.</summary>
    public sealed class Race005Tests
    {
        [Fact]
        public async Task CaseStudy_CountThenInsert_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var seen = await {|#1:db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId })|};
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
        await {|#0:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
"""), null,
                Verify.Diagnostic("RACE005").WithLocation(0).WithLocation(1).WithArguments("""db.ExecuteAsync("INSERT INTO processed_events (event_id)…""", "processed_events", """db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM…""", "14"));
        }

        [Fact]
        public async Task ExistsCheckInTheCondition_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        if (!await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", new { eventId }))
        {
            {|RACE005:db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku)", new { eventId, sku })|};
        }
"""));
        }
    }
}
