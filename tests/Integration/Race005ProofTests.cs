using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The dedupe check of the inventory case study on a real PostgreSQL, delivered as a broker would: 5 events,
    /// each delivered 20 times at once, the first attempt of each failing after the check (a transient error
    /// from a dependency), and every failed delivery delivered again until it succeeds. Each event must take
    /// one unit of stock, exactly once. Before the fix concurrent deliveries all pass the check; after it the
    /// claim and the stock change commit or roll back together, so the failed attempt leaves no claim behind.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race005ProofTests : DatabaseProof
    {
        private const int Events = 5;
        private const int Deliveries = 20;
        private const int InitialStock = 100;

        private const string EventHandler = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class EventHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string eventId, string sku, Func<Task> afterCheck)
    {
        await using var db = await source.OpenConnectionAsync();
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await afterCheck();
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
    }
}

""";

        private const string AdoNetEventHandler = """
using System;
using System.Threading.Tasks;
using Npgsql;

public static class EventHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string eventId, string sku, Func<Task> afterCheck)
    {
        await using var db = await source.OpenConnectionAsync();
        await using var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", db);
        check.Parameters.AddWithValue("eventId", eventId);
        var exists = (bool)(await check.ExecuteScalarAsync())!;
        if (exists)
        {
            return;
        }

        await afterCheck();
        await using var take = new NpgsqlCommand("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", db);
        take.Parameters.AddWithValue("sku", sku);
        await take.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId)", db);
        insert.Parameters.AddWithValue("eventId", eventId);
        await insert.ExecuteNonQueryAsync();
    }
}

""";

        protected override string Tables => "CREATE TABLE products (sku text PRIMARY KEY, current_stock int NOT NULL);" +
                "CREATE TABLE processed_events (event_id text PRIMARY KEY);";

        [Theory]
        [InlineData(EventHandler)]
        [InlineData(AdoNetEventHandler)]
        public async Task RedeliveredEvents_AreAppliedManyTimesBeforeTheFix_AndExactlyOnceAfter(string handler)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(handler);
            Assert.Contains("ON CONFLICT (event_id) DO NOTHING", fixedSource);
            Assert.Contains("BeginTransactionAsync", fixedSource);

            var taken = await DeliverEveryEvent(handler);
            Assert.True(taken > Events, $"expected duplicates before the fix, stock taken {taken} times for {Events} events");

            Assert.Equal(Events, await DeliverEveryEvent(fixedSource));
            Assert.Equal(Events, await Db.IntAsync("SELECT COUNT(*) FROM processed_events"));
        }

        /// <summary>Delivers each event 20 times concurrently, redelivering failures; returns how many units of stock were taken.</summary>
        private async Task<int> DeliverEveryEvent(string source)
        {
            await Db.ExecuteAsync($"DELETE FROM processed_events; DELETE FROM products; INSERT INTO products VALUES ('sku-42', {InitialStock})");
            var handle = InMemoryAssembly.Compile(source).GetType("EventHandler")!.GetMethod("HandleAsync")!;
            for (var e = 0; e < Events; e++)
            {
                var eventId = "event-" + e;
                var gate = new Gate(Deliveries);
                var attempts = 0;
                async Task AfterCheck()
                {
                    await gate.ArriveAndWaitAsync();
                    if (Interlocked.Increment(ref attempts) == 1)
                    {
                        throw new TimeoutException("injected: the first attempt fails after the check");
                    }
                }

                var deliveries = Enumerable.Range(0, Deliveries).Select(_ => AtLeastOnceDelivery.DeliverUntilHandled(() => (Task)handle.Invoke(null, new object[] { Db.Source, eventId, "sku-42", new Func<Task>(AfterCheck) })!)).ToList();

                // After the fix the claim's row lock holds the other deliveries inside their INSERT, so only one
                // reaches the gate: open it for them once the rest cannot arrive.
                await Task.WhenAny(Task.WhenAll(deliveries), Task.Delay(TimeSpan.FromSeconds(2)));
                gate.Release();
                await Task.WhenAll(deliveries);
            }

            return InitialStock - await Db.IntAsync("SELECT current_stock FROM products WHERE sku = 'sku-42'");
        }
    }
}
