using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The held-out <c>StockLedger.ApplyOnceAsync</c> shape on a real PostgreSQL: the dedupe check, the INSERT that
    /// marks the event, then the work it guards (a call to a dependency and the stock UPDATE). Each event is
    /// delivered 20 times at once, the first attempt failing after the mark (a transient error from the dependency),
    /// every failed delivery redelivered until it succeeds; each event must take one unit of stock, exactly once.
    /// Before the fix the failed attempt's mark stays and every redelivery skips the event. A claim committed
    /// on its own, as this fixer wrote it before, does the same: the concurrent deliveries return as done while
    /// the claimer's work is still running, and when it fails nothing applies the event. The fixer's output
    /// claims and works in one transaction: the other deliveries wait inside their INSERT until it commits or
    /// rolls back, and after a rollback one of them claims and applies the event.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race005ClaimWithWorkAfterProofTests : DatabaseProof
    {
        private const int Events = 3;
        private const int Deliveries = 20;
        private const int InitialStock = 100;

        private const string EventHandler = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class EventHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string eventId, string sku, Func<Task> afterMark)
    {
        await using var db = await source.OpenConnectionAsync();
        var seen = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
        await afterMark();
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
    }
}

""";

        /// <summary>What this fixer wrote for the handler before claim and work were made to commit together.</summary>
        private const string ClaimCommittedAlone = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class EventHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string eventId, string sku, Func<Task> afterMark)
    {
        await using var db = await source.OpenConnectionAsync();
        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId });
        if (claimed == 0)
        {
            return;
        }

        await afterMark();
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
    }
}

""";

        protected override string Tables => "CREATE TABLE products (sku text PRIMARY KEY, current_stock int NOT NULL);" +
                "CREATE TABLE processed_events (event_id text PRIMARY KEY);";

        [Fact]
        public async Task EventsMarkedBeforeTheirWork_AreLostBeforeTheFix_AndAppliedExactlyOnceAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(EventHandler);
            Assert.Contains("ON CONFLICT (event_id) DO NOTHING", fixedSource);
            Assert.Contains("BeginTransactionAsync", fixedSource);
            Assert.True(fixedSource.IndexOf("current_stock - 1", StringComparison.Ordinal) < fixedSource.IndexOf("CommitAsync", StringComparison.Ordinal), "the commit follows the work");

            Assert.Equal(0, await DeliverEveryEvent(EventHandler));
            Assert.Equal(0, await DeliverEveryEvent(ClaimCommittedAlone));

            Assert.Equal(Events, await DeliverEveryEvent(fixedSource));
            Assert.Equal(Events, await Db.IntAsync("SELECT COUNT(*) FROM processed_events"));
        }

        /// <summary>Delivers each event 20 times concurrently, redelivering failures; returns how many units of stock were taken.</summary>
        private async Task<int> DeliverEveryEvent(string source)
        {
            await Db.ExecuteAsync($"DELETE FROM processed_events; DELETE FROM products; INSERT INTO products VALUES ('sku-7', {InitialStock})");
            var handle = InMemoryAssembly.Compile(source).GetType("EventHandler")!.GetMethod("HandleAsync")!;
            for (var e = 0; e < Events; e++)
            {
                var eventId = "event-" + e;
                var gate = new Gate(Deliveries);
                var attempts = 0;
                async Task AfterMark()
                {
                    await gate.ArriveAndWaitAsync();
                    if (Interlocked.Increment(ref attempts) == 1)
                    {
                        throw new TimeoutException("injected: the first attempt fails after the event is marked");
                    }
                }

                var deliveries = Enumerable.Range(0, Deliveries).Select(_ => AtLeastOnceDelivery.DeliverUntilHandled(() => (Task)handle.Invoke(null, new object[] { Db.Source, eventId, "sku-7", new Func<Task>(AfterMark) })!)).ToList();

                // Only the delivery that marked the event reaches the dependency: open it once the rest cannot arrive.
                await Task.WhenAny(Task.WhenAll(deliveries), Task.Delay(TimeSpan.FromSeconds(2)));
                gate.Release();
                await Task.WhenAll(deliveries);
            }

            return InitialStock - await Db.IntAsync("SELECT current_stock FROM products WHERE sku = 'sku-7'");
        }
    }
}
