using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE006, RACE007 and RACE010 on a real RabbitMQ node (started by .ci/run) with a real PostgreSQL: one order is
    /// published, the handler's first attempt to store it fails (a dependency it calls throws once), and the
    /// consumer is then restarted as a crashed process would be. Before the fix the message is gone (acked,
    /// queue empty) and the order is missing; after the fixer's rewrite it is delivered again and stored once.
    /// </summary>
    [Trait("Category", "RabbitMQ")]
    public sealed class Race006And007And010RabbitMqProofTests : DatabaseProof
    {
        /// <summary>The consumer around each handler body: it decodes the order; the body stores it and (or not) acks.</summary>
        private const string HandlerHead = """
using System;
using System.Text;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

public static class OrderConsumer
{
    public static async Task StartAsync(IChannel channel, string queue, NpgsqlDataSource db, Func<Task> beforeStore)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var order = Encoding.UTF8.GetString(delivery.Body.Span);
""" + "\n";

        private const string ManualAckTail = """
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer: consumer);
    }
}
""";

        private const string AutoAckTail = """
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer: consumer);
    }
}
""";

        private const string AckBeforeStore = HandlerHead + """
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            await using var connection = await db.OpenConnectionAsync();
            await beforeStore();
            await connection.ExecuteAsync("INSERT INTO orders (body) VALUES (@order)", new { order });
""" + "\n" + ManualAckTail;

        private const string AckAfterSwallowedFailure = HandlerHead + """
            try
            {
                await using var connection = await db.OpenConnectionAsync();
                await beforeStore();
                await connection.ExecuteAsync("INSERT INTO orders (body) VALUES (@order)", new { order });
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"storing {order} failed: {ex.Message}");
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
""" + "\n" + ManualAckTail;

        private const string AutoAck = HandlerHead + """
            await using var connection = await db.OpenConnectionAsync();
            await beforeStore();
            await connection.ExecuteAsync("INSERT INTO orders (body) VALUES (@order)", new { order });
""" + "\n" + AutoAckTail;

        private IConnection _broker = null!;

        protected override string Tables => "CREATE TABLE orders (body text NOT NULL)";

        public override async Task InitializeAsync()
        {
            var uri = Environment.GetEnvironmentVariable("RACE_RABBITMQ_URI");
            Assert.False(string.IsNullOrEmpty(uri), "RACE_RABBITMQ_URI is not set: run the tests through `bash .ci/run`, which starts a throwaway RabbitMQ node.");
            _broker = await new ConnectionFactory { Uri = new Uri(uri!) }.CreateConnectionAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            if (_broker != null)
            {
                await _broker.CloseAsync();
                _broker.Dispose();
            }

            await base.DisposeAsync();
        }

        [Theory]
        [InlineData(AckBeforeStore, "INSERT INTO orders (body) VALUES (@order)\", new { order });\n            await channel.BasicAckAsync")]
        [InlineData(AckAfterSwallowedFailure, "await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);")]
        [InlineData(AutoAck, "autoAck: false")]
        public async Task FailedStore_LosesTheOrderBeforeTheFix_AndStoresItOnceAfter(string handler, string fixedShape)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(handler);
            Assert.Contains(fixedShape, fixedSource);

            var before = await DeliverOneOrderWithAFailedFirstStore(handler);
            Assert.Equal((0, 0u), before); // not stored, and nothing left to deliver

            var after = await DeliverOneOrderWithAFailedFirstStore(fixedSource);
            Assert.Equal((1, 0u), after);
        }

        /// <summary>Publishes one order, runs the consumer, restarts it once; returns (orders stored, messages left in the queue).</summary>
        private async Task<(int Stored, uint Left)> DeliverOneOrderWithAFailedFirstStore(string source)
        {
            await Db.ExecuteAsync("DELETE FROM orders");
            var queue = "race-orders-" + Guid.NewGuid().ToString("N");
            await using (var setup = await _broker.CreateChannelAsync())
            {
                await setup.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
                await setup.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("order-1"));
            }

            var start = InMemoryAssembly.Compile(source).GetType("OrderConsumer")!.GetMethod("StartAsync")!;
            var attempts = 0;
            Task BeforeStore() => Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("injected: the database did not answer") : Task.CompletedTask;

            // The first consumer, then a second one as after a crash: closing the channel returns what it left unacked.
            for (var run = 0; run < 2; run++)
            {
                await using var channel = await _broker.CreateChannelAsync();
                await (Task)start.Invoke(null, new object[] { channel, queue, Db.Source, new Func<Task>(BeforeStore) })!;
                await WaitForStoredOrQuiet(() => Volatile.Read(ref attempts));
                await channel.CloseAsync();
            }

            await using var check = await _broker.CreateChannelAsync();
            var left = await check.MessageCountAsync(queue);
            await check.QueueDeleteAsync(queue);
            return (await Db.IntAsync("SELECT COUNT(*) FROM orders WHERE body = 'order-1'"), left);
        }

        /// <summary>Until the order is stored, or nothing happened for a second after the last attempt (ten at most).</summary>
        private async Task WaitForStoredOrQuiet(Func<int> attempts)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var seen = attempts();
            var quietSince = DateTime.UtcNow;
            while (DateTime.UtcNow < deadline)
            {
                if (await Db.IntAsync("SELECT COUNT(*) FROM orders") > 0)
                {
                    await Task.Delay(200); // let the ack of the stored order reach the broker
                    return;
                }

                if (attempts() != seen)
                {
                    (seen, quietSince) = (attempts(), DateTime.UtcNow);
                }
                else if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(1))
                {
                    return;
                }

                await Task.Delay(50);
            }
        }
    }
}
