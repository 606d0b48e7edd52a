using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE008 on a real PostgreSQL through EF Core (Npgsql's provider): stock 5, 40 concurrent reservations of 1,
    /// each loading the product, checking the stock and saving it lower. A gate after the load lets every
    /// reservation load before any saves. Each handler runs as written and as the fixer rewrites it.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race008ProofTests : DatabaseProof
    {
        private const int Reservations = 40;
        private const int InitialStock = 5;

        private const string Model = """
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

public sealed class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public int Stock { get; set; }
}

public sealed class ShopContext : DbContext
{
    public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }

    public DbSet<Product> Products => Set<Product>();
}

""";

        /// <summary>Loaded only for the checked change: the fixer writes one ExecuteUpdate.</summary>
        private static readonly string CheckedChange = Reservation("return true;");

        /// <summary>The entity is used after the save as well: the fixer makes Stock a concurrency token.</summary>
        private static readonly string ChangeThenReport = Reservation("return product.Stock >= 0;");

        private static string Reservation(string afterSave) => Model + """
public static class Reservation
{
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, string sku, int qty, Func<Task> afterLoad)
    {
        await using var db = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseNpgsql(source).Options);
        var product = await db.Products.SingleAsync(p => p.Sku == sku);
        await afterLoad();
        if (product.Stock < qty)
        {
            return false;
        }

        product.Stock -= qty;
        await db.SaveChangesAsync();
""" + "\n        " + afterSave + "\n" + """
    }
}
""";

        /// <summary>
        /// Issue 27's reservation: Find by key, a check joined by ||, then an awaited call (the audit, through which
        /// the gate holds every reservation between its check and its change), then the change and the save.
        /// </summary>
        private const string AuditedReservation = Model + """
public static class Reservation
{
    public static async Task<bool> ReserveAsync(NpgsqlDataSource source, int id, int quantity, Func<Task> audit)
    {
        await using var db = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseNpgsql(source).Options);
        var product = await db.Products.FindAsync(id);
        if (product is null || product.Stock < quantity) return false;
        await audit();
        product.Stock -= quantity;
        await db.SaveChangesAsync();
        return true;
    }
}
""";

        protected override string Tables => "CREATE TABLE \"Products\" (\"Id\" serial PRIMARY KEY, \"Sku\" text NOT NULL UNIQUE, \"Stock\" int NOT NULL)";

        [Fact]
        public async Task CheckedChange_OversellsBeforeTheFix_AndSellsExactlyTheStockAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(CheckedChange);
            Assert.Contains("ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty))", fixedSource);

            var before = await ReserveConcurrently(CheckedChange);
            Assert.Equal(Reservations, before.Succeeded); // every reservation loaded 5 and passed the stale check
            Assert.Equal(InitialStock - 1, before.Stock);

            var after = await ReserveConcurrently(fixedSource);
            Assert.Equal((InitialStock, Reservations - InitialStock, 0, 0), (after.Succeeded, after.Refused, after.Conflicts, after.Stock));
        }

        [Fact]
        public async Task ConcurrencyToken_TurnsLostUpdatesIntoConflicts()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ChangeThenReport);
            Assert.Contains("[ConcurrencyCheck]", fixedSource);

            var before = await ReserveConcurrently(ChangeThenReport);
            Assert.Equal(Reservations, before.Succeeded);
            Assert.Equal(InitialStock - 1, before.Stock); // 40 sold, 1 taken from stock: 39 updates lost

            var after = await ReserveConcurrently(fixedSource);
            Assert.True(after.Conflicts > 0, "no save was refused");
            Assert.Equal(InitialStock - after.Succeeded, after.Stock); // every sale taken from stock, none lost
            Assert.True(after.Stock >= 0);
        }

        [Fact]
        public async Task AuditedReservationByKey_OversellsBeforeTheFix_AndAfterItSellsTheStockAndRefusesTheRestWithoutAnException()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(AuditedReservation);
            Assert.Contains(".Where(p => p.Id == id && p.Stock >= quantity)", fixedSource);
            Assert.True(fixedSource.IndexOf("await audit();", StringComparison.Ordinal) < fixedSource.IndexOf("ExecuteUpdateAsync", StringComparison.Ordinal), "the audit no longer runs before the change");
            Assert.DoesNotContain("SaveChangesAsync", fixedSource);

            var before = await ReserveConcurrently(AuditedReservation, byId: true);
            Assert.Equal(Reservations, before.Succeeded); // every reservation passed the check on the 5 it loaded
            Assert.Equal(InitialStock - 1, before.Stock);

            var after = await ReserveConcurrently(fixedSource, byId: true);
            Assert.Equal((InitialStock, Reservations - InitialStock, 0, 0), (after.Succeeded, after.Refused, after.Conflicts, after.Stock));
        }

        /// <summary>Runs the reservations with stock reset to 5: how many succeeded, how many saves EF Core refused, the stock left.</summary>
        private async Task<(int Succeeded, int Refused, int Conflicts, int Stock)> ReserveConcurrently(string source, bool byId = false)
        {
            await Db.ExecuteAsync($"DELETE FROM \"Products\"; INSERT INTO \"Products\" (\"Sku\", \"Stock\") VALUES ('sku-7', {InitialStock})");
            object key = byId ? await Db.IntAsync("SELECT \"Id\" FROM \"Products\" WHERE \"Sku\" = 'sku-7'") : "sku-7";
            var reserve = InMemoryAssembly.Compile(source).GetType("Reservation")!.GetMethod("ReserveAsync")!;
            var gate = new Gate(Reservations);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Reservations).Select(async _ =>
            {
                try
                {
                    return await (Task<bool>)reserve.Invoke(null, new object[] { Db.Source, key, 1, new Func<Task>(gate.ArriveAndWaitAsync) })! ? "sold" : "refused";
                }
                catch (DbUpdateConcurrencyException)
                {
                    return "conflict";
                }
            }));

            return (outcomes.Count(o => o == "sold"), outcomes.Count(o => o == "refused"), outcomes.Count(o => o == "conflict"),
                await Db.IntAsync("SELECT \"Stock\" FROM \"Products\" WHERE \"Sku\" = 'sku-7'"));
        }
    }
}
