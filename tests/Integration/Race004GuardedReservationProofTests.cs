using System;
using System.Linq;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The guarded form of the inventory bug on a real PostgreSQL: stock 5, 40 concurrent reservations of 1.
    /// The read value is checked (<c>if (onHand &lt; qty) return false;</c>) before it is written back, so an
    /// atomic <c>SET … = … - @qty</c> alone still oversells. Each handler runs as written and as the fixer
    /// rewrites it; a gate after the read lets every reservation read before any writes.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race004GuardedReservationProofTests : DatabaseProof
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
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, string sku, int qty, Func<Task> afterRead)
    {
        await using var conn = await source.OpenConnectionAsync();
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        await afterRead();
        if (onHand < qty) return false;
        var remaining = onHand - qty;
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining, sku });
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
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, string sku, int qty, Func<Task> afterRead)
    {
        await using var conn = await source.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT quantity_on_hand FROM stock WHERE sku = @sku", conn);
        read.Parameters.AddWithValue("sku", sku);
        var onHand = (int)(await read.ExecuteScalarAsync())!;
        await afterRead();
        if (onHand < qty)
        {
            throw new InvalidOperationException("out of stock");
        }

        await using var write = new NpgsqlCommand("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", conn);
        write.Parameters.AddWithValue("remaining", onHand - qty);
        write.Parameters.AddWithValue("sku", sku);
        await write.ExecuteNonQueryAsync();
        return true;
    }
}

""";

        protected override string Tables => "CREATE TABLE stock (sku text PRIMARY KEY, quantity_on_hand int NOT NULL)";

        [Theory]
        [InlineData(DapperReservation)]
        [InlineData(AdoNetReservation)]
        public async Task GuardedReservation_OversellsBeforeTheFix_AndSellsExactlyTheStockAfter(string handler)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(handler);
            Assert.Contains("quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", fixedSource);

            var before = await ReserveConcurrently(handler);
            Assert.Equal(Reservations, before.Succeeded); // every reservation read 5 and passed the stale check
            Assert.Equal(InitialStock - 1, before.Stock);

            var after = await ReserveConcurrently(fixedSource);
            Assert.Equal(InitialStock, after.Succeeded);
            Assert.Equal(0, after.Stock);
        }

        /// <summary>Runs the reservations with stock reset to 5: how many succeeded (true, or no exception) and the stock left.</summary>
        private async Task<(int Succeeded, int Stock)> ReserveConcurrently(string source)
        {
            await Db.ExecuteAsync($"DELETE FROM stock; INSERT INTO stock VALUES ('sku-7', {InitialStock})");
            var reserve = InMemoryAssembly.Compile(source).GetType("Reservation")!.GetMethod("ReserveAsync")!;
            var gate = new Gate(Reservations);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Reservations).Select(async _ =>
            {
                try
                {
                    return await (Task<bool>)reserve.Invoke(null, new object[] { Db.Source, "sku-7", 1, new Func<Task>(gate.ArriveAndWaitAsync) })!;
                }
                catch (InvalidOperationException refused) when (refused.Message == "out of stock")
                {
                    return false;
                }
            }));

            return (outcomes.Count(reserved => reserved), await Db.IntAsync("SELECT quantity_on_hand FROM stock WHERE sku = 'sku-7'"));
        }
    }
}
