using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The inventory case study on a real PostgreSQL (started by .ci/run): the handler runs from many concurrent
    /// tasks before and after the fix. A gate between read and write lets every task read before any writes, so
    /// the verdict is deterministic: lost updates and double-applied events before, none after.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class PostgresRaceTests : IAsyncLifetime
    {
        private const int Handlers = 16;
        private const int InitialStock = 100;

        private const string StockHandler = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class StockHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string sku, int delta, Func<Task> betweenReadAndWrite)
    {
        await using var db = await source.OpenConnectionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await betweenReadAndWrite();
        var updated = stock + delta;
        await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated, sku });
    }
}

""";

        private const string EventHandler = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class EventHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string eventId, string sku, Func<Task> betweenCheckAndInsert)
    {
        await using var db = await source.OpenConnectionAsync();
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await betweenCheckAndInsert();
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
    }
}

""";

        private ThrowawaySchema _db = null!;

        public async Task InitializeAsync()
            => _db = await ThrowawaySchema.CreateAsync(
                "CREATE TABLE products (sku text PRIMARY KEY, current_stock int NOT NULL);" +
                "CREATE TABLE processed_events (event_id text PRIMARY KEY);" +
                $"INSERT INTO products VALUES ('sku-42', {InitialStock});");

        public async Task DisposeAsync()
        {
            if (_db != null)
            {
                await _db.DisposeAsync();
            }
        }

        [Fact]
        public async Task ReadModifyWrite_LosesUpdatesBeforeTheFix_AndNoneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(StockHandler);
            Assert.Contains("current_stock = current_stock + @delta", fixedSource);
            Assert.DoesNotContain("var updated", fixedSource);

            await RunStockHandlers(StockHandler);
            Assert.Equal(InitialStock + 1, await Stock()); // every handler read 100 and wrote 101: 15 of 16 updates lost

            await ResetStock();
            await RunStockHandlers(fixedSource);
            Assert.Equal(InitialStock + Handlers, await Stock());
        }

        [Fact]
        public async Task CheckThenInsert_AppliesTheEventTwiceBefore_AndOnceAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(EventHandler);
            Assert.Contains("ON CONFLICT (event_id) DO NOTHING", fixedSource);

            await RunEventHandlers(EventHandler);
            Assert.Equal(InitialStock - Handlers, await Stock()); // all 16 deliveries passed the check and applied

            await ResetStock();
            await _db.ExecuteAsync("DELETE FROM processed_events");
            await RunEventHandlers(fixedSource);
            Assert.Equal(InitialStock - 1, await Stock());
        }

        private async Task RunStockHandlers(string source)
        {
            var handle = InMemoryAssembly.Compile(source).GetType("StockHandler")!.GetMethod("HandleAsync")!;
            var gate = new Gate(Handlers);
            await Task.WhenAll(Enumerable.Range(0, Handlers).Select(_ =>
                (Task)handle.Invoke(null, new object[] { _db.Source, "sku-42", 1, new Func<Task>(gate.ArriveAndWaitAsync) })!));
        }

        private async Task RunEventHandlers(string source)
        {
            var handle = InMemoryAssembly.Compile(source).GetType("EventHandler")!.GetMethod("HandleAsync")!;
            var gate = new Gate(Handlers);
            var runs = Enumerable.Range(0, Handlers).Select(async _ =>
            {
                try
                {
                    await (Task)handle.Invoke(null, new object[] { _db.Source, "event-88", "sku-42", new Func<Task>(gate.ArriveAndWaitAsync) })!;
                }
                catch (PostgresException duplicate) when (duplicate.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    // The naive handler's late INSERT fails on the key, after its stock change already committed.
                }
            }).ToList();

            // The fixed handler stops all but one delivery before the gate: release it for those that never arrive.
            await Task.WhenAny(Task.WhenAll(runs), Task.Delay(TimeSpan.FromSeconds(2)));
            gate.Release();
            await Task.WhenAll(runs);
        }

        private Task<int> Stock() => _db.IntAsync("SELECT current_stock FROM products WHERE sku = 'sku-42'");

        private Task ResetStock() => _db.ExecuteAsync($"UPDATE products SET current_stock = {InitialStock}");
    }
}
