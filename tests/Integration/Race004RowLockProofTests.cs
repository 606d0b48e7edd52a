using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The guarded reservation with work between the check and the write (an awaited audit call), on a real
    /// PostgreSQL: stock 5, 40 concurrent reservations of 1. The atomic rewrite cannot carry the check past the
    /// audit call, so the fixer locks the row in a transaction of its own. The audit dependency holds the window
    /// open: before the fix every reservation passes the stale check; after it, the second caller's SELECT … FOR
    /// UPDATE waits for the first to commit, so exactly 5 succeed, 35 are refused by the check, stock ends at 0, and
    /// no caller gets an exception.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race004RowLockProofTests : DatabaseProof
    {
        private const int Reservations = 40;
        private const int InitialStock = 5;

        private const string DapperReservation = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class Reservation
{
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, string sku, int quantity, Func<string, Task> audit)
    {
        await using var conn = await source.OpenConnectionAsync();
        var stock = await conn.QuerySingleAsync<int>("SELECT stock FROM inventory_items WHERE sku = @sku", new { sku });
        if (stock < quantity) return false;
        await audit($"stock.reserve {sku} x{quantity}");
        var remaining = stock - quantity;
        await conn.ExecuteAsync("UPDATE inventory_items SET stock = @remaining WHERE sku = @sku", new { remaining, sku });
        return true;
    }
}

""";

        private const string AdoNetReservation = """
using System;
using System.Threading.Tasks;
using Npgsql;

public static class Reservation
{
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, string sku, int quantity, Func<string, Task> audit)
    {
        await using var conn = await source.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT stock FROM inventory_items WHERE sku = @sku", conn);
        read.Parameters.AddWithValue("sku", sku);
        var stock = (int)(await read.ExecuteScalarAsync())!;
        if (stock < quantity)
        {
            return false;
        }

        await audit($"stock.reserve {sku} x{quantity}");
        await using var write = new NpgsqlCommand("UPDATE inventory_items SET stock = @remaining WHERE sku = @sku", conn);
        write.Parameters.AddWithValue("remaining", stock - quantity);
        write.Parameters.AddWithValue("sku", sku);
        await write.ExecuteNonQueryAsync();
        return true;
    }
}

""";

        protected override string Tables => "CREATE TABLE inventory_items (sku text PRIMARY KEY, stock int NOT NULL)";

        [Theory]
        [InlineData(DapperReservation)]
        [InlineData(AdoNetReservation)]
        public async Task ReservationWithWorkBetweenCheckAndWrite_OversellsBeforeTheFix_AndSellsExactlyTheStockWithTheRowLocked(string handler)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(handler);
            Assert.Contains("FROM inventory_items WHERE sku = @sku FOR UPDATE", fixedSource);
            Assert.Contains("BeginTransactionAsync()", fixedSource);
            Assert.Contains("await transaction.CommitAsync();", fixedSource);

            var before = await ReserveConcurrently(handler);
            Assert.Equal(Reservations, before.Succeeded); // every caller read 5 before any wrote, and passed the stale check
            Assert.Equal(0, before.Failed);
            Assert.Equal(InitialStock - 1, before.Stock);

            var after = await ReserveConcurrently(fixedSource);
            Assert.Equal(InitialStock, after.Succeeded);
            Assert.Equal(Reservations - InitialStock, after.Refused);
            Assert.Equal(0, after.Failed);
            Assert.Equal(0, after.Stock);
        }

        /// <summary>
        /// Runs the reservations with stock reset to 5. The audit dependency holds each caller between its check
        /// and its write until every caller has arrived there (all read before any writes). Once the row is locked
        /// the others wait inside their SELECT and cannot arrive: the gate then opens after two seconds.
        /// </summary>
        private async Task<(int Succeeded, int Refused, int Failed, int Stock)> ReserveConcurrently(string source)
        {
            await Db.ExecuteAsync($"DELETE FROM inventory_items; INSERT INTO inventory_items VALUES ('sku-7', {InitialStock})");
            var reserve = InMemoryAssembly.Compile(source).GetType("Reservation")!.GetMethod("ReserveAsync")!;
            var gate = new Gate(Reservations);
            Func<string, Task> audit = _ => gate.ArriveAndWaitAsync();
            var failed = 0;
            var reservations = Enumerable.Range(0, Reservations).Select(async _ =>
            {
                try
                {
                    return await (Task<bool>)reserve.Invoke(null, new object[] { Db.Source, "sku-7", 1, audit })!;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                    return false;
                }
            }).ToList();

            await Task.WhenAny(Task.WhenAll(reservations), Task.Delay(TimeSpan.FromSeconds(2)));
            gate.Release();
            var outcomes = await Task.WhenAll(reservations);
            var succeeded = outcomes.Count(reserved => reserved);
            return (succeeded, Reservations - succeeded - failed, failed, await Db.IntAsync("SELECT stock FROM inventory_items WHERE sku = 'sku-7'"));
        }
    }
}
