using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE007's Kafka loop shape: offsets are cumulative per partition, so when a catch swallows a failed write
    /// and the loop goes on, the next message's commit also commits the failed one. RabbitMQ acks are per delivery.
    /// </summary>
    public sealed class Race007KafkaLoopTests
    {
        [Fact]
        public async Task CommitInsideTheTry_CatchLogsAndTheLoopGoesOn_IsFlaggedWithTheCumulativeOffsetMessage()
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
            }
"""), Verify.Diagnostic("RACE007").WithSpan(34, 17, 34, 41).WithSpan(33, 23, 33, 86).WithMessage(
                "'ApplyAsync(result.Message.Key, int.Parse(result.Message.…' (line 33) can fail and the catch lets the loop go on: the next message's "
                + "'_consumer.Commit(result)' commits an offset past the failed one, so Kafka never delivers it again. "
                + "Seek back to the failed offset in the catch, rethrow, or dead-letter the message first."));
        }

        [Fact]
        public async Task CatchThatContinuesToTheNextMessage_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException)
            {
                continue;
            }

            {|RACE007:_consumer.Commit(result)|};
"""));
        }

        [Fact]
        public async Task StoredOffsetInsideTheTry_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                {|RACE007:_consumer.StoreOffset(result)|};
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "skipped");
            }
"""));
        }

        [Theory]
        [InlineData("throw;")]
        [InlineData("break;")]
        [InlineData("return;")]
        [InlineData("_consumer.Seek(result.TopicPartitionOffset);")]
        [InlineData("await _producer.ProduceAsync(\"inventory-dlt\", result.Message);")]
        public async Task CatchThatSettlesTheFailedMessage_IsClean(string settle)
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop($$"""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                _consumer.Commit(result);
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
                {{settle}}
            }
"""));
        }

        [Fact]
        public async Task RabbitAckInsideTheTryOfAPollingLoop_IsClean_AcksArePerDelivery()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + """
public sealed class Poller
{
    public async Task RunAsync(IChannel channel, NpgsqlConnection db, ILogger log)
    {
        while (true)
        {
            var delivery = await channel.BasicGetAsync("orders", autoAck: false);
            if (delivery == null)
            {
                break;
            }

            try
            {
                await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = delivery.Body.ToArray() });
                await channel.BasicAckAsync(delivery.DeliveryTag, false);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "insert failed");
                await channel.BasicNackAsync(delivery.DeliveryTag, false, true);
            }
        }
    }
}
""");
        }
    }
}
