using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>Look-alikes of RACE006/RACE007 that are correct.</summary>
    public sealed class Race006And007NegativeTests
    {
        [Fact]
        public async Task CommitAfterPersistOnTheSuccessPath_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task CommitInsideTheTryAfterTheWrite_CatchSeekingBack_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
                _consumer.Commit(result);
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed; the message will be redelivered");
                _consumer.Seek(result.TopicPartitionOffset);
            }
"""));
        }

        [Fact]
        public async Task CommitFollowedOnlyByLoggingAndMetrics_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            await ApplyAsync(result.Message.Key, 1);
            _consumer.Commit(result);
            _logger.LogInformation("committed {Offset}", result.Offset);
            Processed.Add(1);
""", members: "    private static readonly System.Diagnostics.Metrics.Counter<int> Processed = new System.Diagnostics.Metrics.Meter(\"m\").CreateCounter<int>(\"processed\");\n"));
        }

        [Fact]
        public async Task CatchThatRethrows_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
                throw;
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task CatchThatSeeksBackThenLeavesTheIteration_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException)
            {
                _consumer.Seek(result.TopicPartitionOffset);
                continue;
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task DeadLetterTopicOnFailure_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "moving to the dead-letter topic");
                await _producer.ProduceAsync("inventory-dlt", result.Message);
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task ErrorTableInsertOnFailure_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            }
            catch (Exception ex)
            {
                await _db.ExecuteAsync("INSERT INTO failed_events (event_id, error) VALUES (@id, @error)", new { id = result.Message.Key, error = ex.Message });
            }
            finally
            {
                _consumer.Commit(result);
            }
"""));
        }

        [Fact]
        public async Task CommitOfADifferentMessage_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            var previous = _consumer.Consume(ct);
            _consumer.Commit(previous);
            await ApplyAsync(result.Message.Key, 1);
"""));
        }

        [Fact]
        public async Task CommitThenNextIterationsWrite_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            await ApplyAsync(result.Message.Key, 1);
            _consumer.Commit();
"""));
        }

        [Fact]
        public async Task ReadOnlyQueryAfterCommit_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            await ApplyAsync(result.Message.Key, 1);
            _consumer.Commit(result);
            var stock = await _db.QuerySingleAsync<int>("SELECT stock FROM products WHERE sku = @sku", new { sku = result.Message.Key });
"""));
        }
    
        [Fact]
        public async Task RabbitErrorExchangeOnFailure_IsClean()
        {
            var source = DeliveryCode.Usings + """

public sealed class OrderHandler
{
    public async Task OnDelivery(IChannel channel, NpgsqlConnection db, BasicDeliverEventArgs ea)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
        }
        catch (Exception)
        {
            await channel.BasicPublishAsync("orders.errors", "failed", ea.Body);
        }

        await channel.BasicAckAsync(ea.DeliveryTag, false);
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source);
        }
    }
}
