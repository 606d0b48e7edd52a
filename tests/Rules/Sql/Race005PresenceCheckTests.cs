using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>
    /// RACE005 on existence checks written as a plain SELECT of the key (tested with is null, is not null,
    /// HasValue, == default) and on counts tested by a pattern or a switch; a plain SELECT whose value is used as
    /// data, not as "found or not", is no existence check.
    /// </summary>
    public sealed class Race005PresenceCheckTests
    {
        private const string Insert = """db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku)", new { eventId, sku })""";

        [Theory]
        [InlineData("if (found is not null) return;")]
        [InlineData("if (found != null) return;")]
        [InlineData("if (found.HasValue) return;")]
        [InlineData("if (!(found is null)) return;")]
        public async Task SelectOfTheKeyTestedForPresence_IsFlagged(string guard)
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var found = await db.QuerySingleOrDefaultAsync<int?>("SELECT id FROM processed_events WHERE event_id = @eventId", new { eventId });
        {{guard}}
        {|RACE005:{{Insert}}|};
"""));
        }

        [Fact]
        public async Task SelectOfTheKeyComparedWithDefault_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var existing = await db.QuerySingleOrDefaultAsync<string>("SELECT event_id FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (existing == default)
        {
            {|RACE005:{{Insert}}|};
        }
"""));
        }

        [Fact]
        public async Task SelectTestedInTheCondition_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        if (await db.QuerySingleOrDefaultAsync<int?>("SELECT id FROM processed_events WHERE event_id = @eventId", new { eventId }) is null)
        {
            {|RACE005:{{Insert}}|};
        }
"""));
        }

        [Fact]
        public async Task CountTestedByAPattern_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen is 0)
        {
            {|RACE005:{{Insert}}|};
        }
"""));
        }

        [Fact]
        public async Task CountTestedByASwitch_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        switch (seen)
        {
            case 0:
                {|RACE005:{{Insert}}|};
                break;
            default:
                return;
        }
"""));
        }

        [Fact]
        public async Task SwitchOnAnotherValue_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        switch (delta)
        {
            case 0:
                {{Insert}};
                break;
            default:
                return;
        }
"""));
        }

        [Fact]
        public async Task SelectedValueUsedAsData_IsNotAnExistenceCheck()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        var attempts = await db.QuerySingleOrDefaultAsync<int>("SELECT attempts FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (attempts > 3)
        {
            {{Insert}};
        }
"""));
        }
    }
}
