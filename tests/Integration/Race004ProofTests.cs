using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The inventory case study's read-modify-write on a real PostgreSQL (started by .ci/run): the handler runs
    /// from many concurrent tasks before and after the fix. A gate between read and write lets every task read
    /// before any writes, so the verdict is deterministic: lost updates before, none after.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race004ProofTests : DatabaseProof
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

        protected override string Tables => "CREATE TABLE products (sku text PRIMARY KEY, current_stock int NOT NULL);" +
                $"INSERT INTO products VALUES ('sku-42', {InitialStock});";

        private const string ClampInATransaction = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class StockHandler
{
    public static async Task HandleAsync(NpgsqlDataSource source, string sku, int delta, Func<Task> betweenReadAndWrite)
    {
        await using var db = await source.OpenConnectionAsync();
        await using var tx = await db.BeginTransactionAsync();
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku }, tx);
        await betweenReadAndWrite();
        var next = Math.Max(0, stock + delta);
        await db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku }, tx);
        await tx.CommitAsync();
    }
}

""";

        [Fact]
        public async Task ClampInATransaction_LosesUpdatesBeforeTheFix_AndNoneWithTheRowLocked()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ClampInATransaction);
            Assert.Contains("WHERE sku = @sku FOR UPDATE", fixedSource);

            await RunStockHandlers(ClampInATransaction);
            Assert.Equal(InitialStock + 1, await Stock());

            await ResetStock();

            // With the row locked only one handler at a time gets past the read: open the gate for the rest.
            await RunStockHandlers(fixedSource, releaseAfter: TimeSpan.FromSeconds(1));
            Assert.Equal(InitialStock + Handlers, await Stock());
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

        private async Task RunStockHandlers(string source, TimeSpan? releaseAfter = null)
        {
            var handle = InMemoryAssembly.Compile(source).GetType("StockHandler")!.GetMethod("HandleAsync")!;
            var gate = new Gate(Handlers);
            var runs = Task.WhenAll(Enumerable.Range(0, Handlers).Select(_ =>
                (Task)handle.Invoke(null, new object[] { Db.Source, "sku-42", 1, new Func<Task>(gate.ArriveAndWaitAsync) })!));
            if (releaseAfter != null)
            {
                await Task.WhenAny(runs, Task.Delay(releaseAfter.Value));
                gate.Release();
            }

            await runs;
        }

        private Task<int> Stock() => Db.IntAsync("SELECT current_stock FROM products WHERE sku = 'sku-42'");

        private Task ResetStock() => Db.ExecuteAsync($"UPDATE products SET current_stock = {InitialStock}");
    }
}
