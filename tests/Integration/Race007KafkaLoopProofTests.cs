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
    /// RACE007 on Kafka: consume loops that swallow a failed write run against <see cref="KafkaOffsetModel"/> (a
    /// model of Kafka's committed offsets, not a broker) and write to a real PostgreSQL. Five events; the first
    /// attempt to store the third fails; then the consumer restarts from its committed offset. Before the fix the
    /// next event's commit covers the failed one and it is never stored; after the fixer's rewrite it is.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race007KafkaLoopProofTests : DatabaseProof
    {
        private const string CommitInTheTry = """
            try
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                await beforeWrite(result.Message.Key);
                await connection.ExecuteAsync("INSERT INTO inventory_events (id) VALUES (@id)", new { id = result.Message.Key });
                consumer.Commit(result);
            }
            catch (TimeoutException ex)
            {
                Console.Error.WriteLine($"event {result.Message.Key} failed: {ex.Message}");
            }
""";

        private const string CommitInFinally = """
            try
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                await beforeWrite(result.Message.Key);
                await connection.ExecuteAsync("INSERT INTO inventory_events (id) VALUES (@id)", new { id = result.Message.Key });
            }
            catch (TimeoutException ex)
            {
                Console.Error.WriteLine($"event {result.Message.Key} failed: {ex.Message}");
            }
            finally
            {
                consumer.StoreOffset(result);
            }
""";

        private static readonly Message<string, string>[] Log = Enumerable.Range(0, 5)
            .Select(i => new Message<string, string> { Key = "event-" + i, Value = "sku-42:-1" }).ToArray();

        protected override string Tables => "CREATE TABLE inventory_events (id text NOT NULL)";

        [Theory]
        [InlineData(CommitInTheTry)]
        [InlineData(CommitInFinally)]
        public async Task FailedEvent_IsSkippedAfterRestartBeforeTheFix_AndStoredOnceAfter(string loopBody)
        {
            var handler = Loop(loopBody);
            var fixedSource = await FixerOutput.FixedSourceAsync(handler);
            Assert.Contains("consumer.Seek(result.TopicPartitionOffset);", fixedSource);

            Assert.Equal(Log.Length - 1, await RunWithRestart(handler));
            Assert.Equal(0, await Db.IntAsync("SELECT COUNT(*) FROM inventory_events WHERE id = 'event-2'"));

            Assert.Equal(Log.Length, await RunWithRestart(fixedSource));
            Assert.Equal(1, await Db.IntAsync("SELECT COUNT(*) FROM inventory_events WHERE id = 'event-2'"));
        }

        private static string Loop(string body) => """
using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public static class InventoryLoop
{
    public static async Task RunAsync(IConsumer<string, string> consumer, NpgsqlDataSource db, Func<string, Task> beforeWrite, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
""" + "\n" + body + """

        }
    }
}

""";

        /// <summary>Runs the loop over the log, restarts it from the committed offset, runs it again; returns the distinct events stored.</summary>
        private async Task<int> RunWithRestart(string source)
        {
            await Db.ExecuteAsync("DELETE FROM inventory_events");
            var run = InMemoryAssembly.Compile(source).GetType("InventoryLoop")!.GetMethod("RunAsync")!;
            var failedOnce = 0;
            Task BeforeWrite(string id) => id == "event-2" && Interlocked.Exchange(ref failedOnce, 1) == 0
                ? throw new TimeoutException("injected: the database did not answer")
                : Task.CompletedTask;

            var (consumer, model) = KafkaOffsetModel.Start(Log);
            for (var start = 0; start < 2; start++)
            {
                await Assert.ThrowsAsync<OperationCanceledException>(() =>
                    (Task)run.Invoke(null, new object[] { consumer, Db.Source, new Func<string, Task>(BeforeWrite), CancellationToken.None })!);
                (consumer, model) = model.Restart();
            }

            Assert.Equal(1, failedOnce);
            Assert.Equal(0, await Db.IntAsync("SELECT COUNT(*) - COUNT(DISTINCT id) FROM inventory_events"));
            return await Db.IntAsync("SELECT COUNT(DISTINCT id) FROM inventory_events");
        }
    }
}
