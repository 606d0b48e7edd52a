using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE010 on Kafka: a worker that makes its consumer from a <c>ConsumerConfig</c> with the client's default
    /// offset settings runs against <see cref="KafkaOffsetModel"/> (a model of the offset semantics, not a broker)
    /// and writes to a real PostgreSQL. Five events; the first attempt to store the third crashes the worker;
    /// a new worker of the same group resumes from the committed offset. Before the fix the offset of the third
    /// was stored and committed at delivery, so it is never stored; after the fixer's rewrite it is.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race010KafkaProofTests : DatabaseProof
    {
        private const string Worker = """
using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public sealed class InventoryWorker
{
    private readonly Func<ConsumerConfig, IConsumer<string, string>> _connect;
    private readonly NpgsqlDataSource _db;
    private readonly Func<string, Task> _beforeWrite;

    public InventoryWorker(Func<ConsumerConfig, IConsumer<string, string>> connect, NpgsqlDataSource db, Func<string, Task> beforeWrite)
    {
        _connect = connect;
        _db = db;
        _beforeWrite = beforeWrite;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var config = new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "inventory" };
        using var consumer = _connect(config);
        consumer.Subscribe("inventory");
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
            await using var connection = await _db.OpenConnectionAsync(ct);
            await _beforeWrite(result.Message.Key);
            await connection.ExecuteAsync("INSERT INTO inventory_events (id) VALUES (@id)", new { id = result.Message.Key });
        }
    }
}

""";

        private static readonly Message<string, string>[] Log = Enumerable.Range(0, 5)
            .Select(i => new Message<string, string> { Key = "event-" + i, Value = "sku-42:-1" }).ToArray();

        protected override string Tables => "CREATE TABLE inventory_events (id text NOT NULL)";

        [Fact]
        public async Task EventWhoseWriteCrashed_IsLostBeforeTheFix_AndStoredOnceAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Worker);
            Assert.Contains("EnableAutoOffsetStore = false", fixedSource);
            Assert.Contains("consumer.StoreOffset(result);", fixedSource);

            Assert.Equal(Log.Length - 1, await RunWithCrash(Worker));
            Assert.Equal(0, await Db.IntAsync("SELECT COUNT(*) FROM inventory_events WHERE id = 'event-2'"));

            Assert.Equal(Log.Length, await RunWithCrash(fixedSource));
            Assert.Equal(1, await Db.IntAsync("SELECT COUNT(*) FROM inventory_events WHERE id = 'event-2'"));
        }

        /// <summary>Runs a worker until its write of event-2 crashes it, then a new worker of the group to the end of the log; returns the distinct events stored.</summary>
        private async Task<int> RunWithCrash(string source)
        {
            await Db.ExecuteAsync("DELETE FROM inventory_events");
            var workerType = InMemoryAssembly.Compile(source).GetType("InventoryWorker")!;
            var crashed = 0;
            Task BeforeWrite(string id) => id == "event-2" && Interlocked.Exchange(ref crashed, 1) == 0
                ? throw new TimeoutException("injected: the process died during the write")
                : Task.CompletedTask;

            KafkaOffsetModel? group = null;
            var connect = KafkaOffsetModel.Connect(Log, () => group?.Committed ?? 0, model => group = model);
            async Task Run() => await (Task)workerType.GetMethod("RunAsync")!.Invoke(
                Activator.CreateInstance(workerType, connect, Db.Source, new Func<string, Task>(BeforeWrite)), new object[] { CancellationToken.None })!;

            await Assert.ThrowsAsync<TimeoutException>(Run);
            await Assert.ThrowsAsync<OperationCanceledException>(Run);

            Assert.Equal(1, crashed);
            Assert.Equal(0, await Db.IntAsync("SELECT COUNT(*) - COUNT(DISTINCT id) FROM inventory_events"));
            return await Db.IntAsync("SELECT COUNT(DISTINCT id) FROM inventory_events");
        }
    }
}
