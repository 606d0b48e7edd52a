using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Sql
{
    /// <summary>
    /// RACE004/RACE005 and where a transaction protects: the function that opens it (the method, or one lambda
    /// or local function) and what is nested in it, never a sibling lambda, as two endpoint handlers mapped in
    /// one method are.
    /// </summary>
    public sealed class SqlProtectionScopeTests
    {
        private const string Serializable = """
            await using var tx = await db.BeginTransactionAsync(IsolationLevel.Serializable);
            var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku }, tx);
            await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku }, tx);
            await tx.CommitAsync();
""";

        [Fact]
        public async Task SerializableTransactionInOneLambda_DoesNotProtectItsSibling()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        Func<Task> reserve = async () =>
        {
{{Serializable}}
        };
        Func<Task> restock = async () =>
        {
            var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
            await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku })|};
        };
        await reserve();
        await restock();
"""));
        }

        [Fact]
        public async Task SerializableTransactionInsideTheLambda_ProtectsIt()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        Func<Task> reserve = async () =>
        {
{{Serializable}}
        };
        await reserve();
"""));
        }

        [Fact]
        public async Task SerializableTransactionAroundALocalFunction_ProtectsIt()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync(IsolationLevel.Serializable);
        await Apply();
        await tx.CommitAsync();

        async Task Apply()
        {
            var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku }, tx);
            await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated = stock + delta, sku }, tx);
        }
"""));
        }

        [Fact]
        public async Task CheckThenInsertInALambdaBesideASerializableOne_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Handler($$"""

        Func<Task> reserve = async () =>
        {
{{Serializable}}
        };
        Func<Task> record = async () =>
        {
            var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
            if (seen > 0)
            {
                return;
            }

            await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
        };
        await reserve();
        await record();
"""));
        }
    }
}
