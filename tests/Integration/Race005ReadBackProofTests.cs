using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// The two held-out RACE005 forms whose check is more than a test, on a real PostgreSQL: a registration that
    /// returns the id it read (<c>StockLedger.RegisterAsync</c>) and a label printed when a <c>switch</c> on the
    /// count says none exists (<c>ShipmentEndpoints</c> <c>/label</c>). 20 callers at once for one key; the race
    /// window is held open by the database: a BEFORE INSERT trigger keeps the first insert uncommitted for a second,
    /// so every check runs before it commits. Before the fix every caller passes the check and all but one fail
    /// on the unique key; the fixer's output claims first and reads the winner back: no caller fails, one row.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race005ReadBackProofTests : DatabaseProof
    {
        private const int Callers = 20;

        private const string Registration = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class Registry
{
    public static async Task<Guid> RegisterAsync(NpgsqlDataSource db, string email)
    {
        await using var conn = await db.OpenConnectionAsync();
        var existing = await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email });
        if (existing is not null)
        {
            return existing.Value;
        }

        var id = Guid.NewGuid();
        await conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email)", new { id, email });
        return id;
    }
}

""";

        private const string Label = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class Labels
{
    public static async Task PrintAsync(NpgsqlDataSource db, string orderId, int parcels, Action<string> alreadyLabelled)
    {
        await using var conn = await db.OpenConnectionAsync();
        var labels = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE order_id = @orderId", new { orderId });
        switch (labels)
        {
            case 0:
                await conn.ExecuteAsync("INSERT INTO labels(order_id, parcels) VALUES (@orderId, @parcels)", new { orderId, parcels });
                break;
            default:
                alreadyLabelled(orderId);
                break;
        }
    }
}

""";

        protected override string Tables => """
CREATE TABLE customers (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE labels (order_id text PRIMARY KEY, parcels int NOT NULL);
CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
CREATE TRIGGER customers_slow BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION slow_insert();
CREATE TRIGGER labels_slow BEFORE INSERT ON labels FOR EACH ROW EXECUTE FUNCTION slow_insert();
""";

        [Fact]
        public async Task ConcurrentRegistrations_FailOnTheKeyBeforeTheFix_AndAllGetTheOneIdAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Registration);
            Assert.Contains("ON CONFLICT (email) DO NOTHING", fixedSource);
            Assert.Contains("claimed == 0 ?", fixedSource);

            var before = await RegisterConcurrently(Registration, "before@example.com");
            Assert.Equal(Callers - 1, before.Failed);

            var after = await RegisterConcurrently(fixedSource, "after@example.com");
            Assert.Equal(0, after.Failed);
            Assert.Single(after.Ids.Distinct());
            Assert.Equal(after.Ids[0].ToString(), await ScalarTextAsync("SELECT id::text FROM customers WHERE email = 'after@example.com'"));
        }

        [Fact]
        public async Task ConcurrentLabelRequests_FailOnTheKeyBeforeTheFix_AndOnePrintsWhileTheRestAreToldAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Label);
            Assert.Contains("ON CONFLICT (order_id) DO NOTHING", fixedSource);
            Assert.Contains("switch (labels)", fixedSource);

            var before = await LabelConcurrently(Label, "order-before");
            Assert.Equal(Callers - 1, before.Failed);
            Assert.Equal(0, before.ToldAlreadyLabelled);

            var after = await LabelConcurrently(fixedSource, "order-after");
            Assert.Equal(0, after.Failed);
            Assert.Equal(Callers - 1, after.ToldAlreadyLabelled);
            Assert.Equal(1, await Db.IntAsync("SELECT COUNT(*) FROM labels WHERE order_id = 'order-after'"));
        }

        private async Task<(int Failed, Guid[] Ids)> RegisterConcurrently(string source, string email)
        {
            var register = InMemoryAssembly.Compile(source).GetType("Registry")!.GetMethod("RegisterAsync")!;
            var calls = Enumerable.Range(0, Callers).Select(_ => Task.Run(() => (Task<Guid>)register.Invoke(null, new object[] { Db.Source, email })!)).ToList();
            var outcomes = await Task.WhenAll(calls.Select(async call =>
            {
                try
                {
                    return (Guid?)await call;
                }
                catch (Npgsql.PostgresException)
                {
                    return null;
                }
            }));
            return (outcomes.Count(o => o == null), outcomes.Where(o => o != null).Select(o => o!.Value).ToArray());
        }

        private async Task<(int Failed, int ToldAlreadyLabelled)> LabelConcurrently(string source, string orderId)
        {
            var print = InMemoryAssembly.Compile(source).GetType("Labels")!.GetMethod("PrintAsync")!;
            var told = 0;
            var alreadyLabelled = new Action<string>(_ => Interlocked.Increment(ref told));
            var calls = Enumerable.Range(0, Callers).Select(_ => Task.Run(() => (Task)print.Invoke(null, new object[] { Db.Source, orderId, 2, alreadyLabelled })!)).ToList();
            var failed = 0;
            foreach (var call in calls)
            {
                try
                {
                    await call;
                }
                catch (Npgsql.PostgresException)
                {
                    failed++;
                }
            }

            return (failed, told);
        }

        private async Task<string?> ScalarTextAsync(string sql)
        {
            await using var command = Db.Source.CreateCommand(sql);
            return (string?)await command.ExecuteScalarAsync();
        }
    }
}
