using System;
using System.Linq;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE004's counter form on a real PostgreSQL: a page counter read into a local, <c>hits++</c>, written back,
    /// both SQL texts in <c>const</c> raw strings. The fixer's own output runs from many concurrent tasks; a
    /// dependency the counter awaits between its read and its write holds every task there until all have read,
    /// so the verdict is deterministic: every increment but one lost before the fix, none after.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race004CounterProofTests : DatabaseProof
    {
        private const int Callers = 16;

        private const string PageCounter = """"
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class PageCounter
{
    private const string SelectHits = """
        SELECT hits FROM counters WHERE id = @id
        """;

    private const string UpdateHits = """
        UPDATE counters SET hits = @hits WHERE id = @id
        """;

    public static async Task CountAsync(NpgsqlDataSource source, string id, Func<Task> audit)
    {
        await using var db = await source.OpenConnectionAsync();
        var hits = await db.QuerySingleAsync<int>(SelectHits, new { id });
        await audit();
        hits++;
        await db.ExecuteAsync(UpdateHits, new { hits, id });
    }
}

"""";

        protected override string Tables => "CREATE TABLE counters (id text PRIMARY KEY, hits int NOT NULL); INSERT INTO counters VALUES ('home', 0);";

        [Fact]
        public async Task IncrementedLocal_LosesIncrementsBeforeTheFix_AndNoneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(PageCounter);
            Assert.Contains("UPDATE counters SET hits = hits + @delta WHERE id = @id", fixedSource);
            Assert.DoesNotContain("hits++", fixedSource);

            await RunCallers(PageCounter);
            Assert.Equal(1, await Hits()); // every caller read 0 and wrote 1: 15 of 16 increments lost

            await Db.ExecuteAsync("UPDATE counters SET hits = 0");
            await RunCallers(fixedSource);
            Assert.Equal(Callers, await Hits());
        }

        private async Task RunCallers(string source)
        {
            var count = InMemoryAssembly.Compile(source).GetType("PageCounter")!.GetMethod("CountAsync")!;
            var gate = new Gate(Callers);
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ =>
                (Task)count.Invoke(null, new object[] { Db.Source, "home", new Func<Task>(gate.ArriveAndWaitAsync) })!));
        }

        private Task<int> Hits() => Db.IntAsync("SELECT hits FROM counters WHERE id = 'home'");
    }
}
