using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>Look-alikes of RACE005 that are safe.</summary>
    public sealed class Race005NegativeTests
    {
        [Theory]
        [InlineData("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING")]
        [InlineData("INSERT INTO processed_events (event_id) SELECT @eventId WHERE NOT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)")]
        [InlineData("MERGE INTO processed_events AS t USING (SELECT @eventId AS event_id) AS s ON t.event_id = s.event_id WHEN NOT MATCHED THEN INSERT (event_id) VALUES (s.event_id)")]
        public async Task InsertThatClaimsAtomically_IsClean(string insert)
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen == 0)
        {
            await db.ExecuteAsync("
""" + insert + """
", new { eventId });
        }
"""));
        }

        [Fact]
        public async Task CheckThatLocksInATransaction_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId FOR UPDATE", new { eventId }, tx);
        if (seen == 0)
        {
            await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId }, tx);
        }
"""));
        }

        [Fact]
        public async Task SerializableTransaction_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync(IsolationLevel.Serializable);
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId }, tx);
        if (seen == 0)
        {
            await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId }, tx);
        }
"""));
        }

        [Fact]
        public async Task InsertNotGuardedByTheCheck_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        Console.WriteLine(seen);
        await db.ExecuteAsync("INSERT INTO audit_log (event_id) VALUES (@eventId)", new { eventId });
"""));
        }

        [Fact]
        public async Task CheckOfAnotherTableOrKey_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        var known = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM products WHERE sku = @sku", new { sku });
        if (known > 0)
        {
            await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
        }
"""));
        }
    }
}
