using System.Threading.Tasks;
using RaceAnalyzers.Tests.Rules.Delivery;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Delivery.AutoAckAnalyzer, RaceAnalyzers.CodeFixes.Delivery.ManualAckFixer>;

namespace RaceAnalyzers.Tests.Fixes.Delivery
{
    /// <summary>
    /// RACE010's Kafka fix: the config turns the automatic offset store off, and the loop stores the offset right
    /// after the statement that persists the message (auto-commit then commits only handled messages).
    /// </summary>
    public sealed class Race010StoreOffsetFixTests
    {
        [Fact]
        public async Task OffsetStoredAtDelivery_IsStoredAfterTheWrite()
        {
            await Verify.VerifyCodeFixAsync(
                Race010KafkaTests.Worker(Race010KafkaTests.Defaults, """
            var result = {|RACE010:consumer.Consume(ct)|};
            await SaveAsync(result.Message.Key, result.Message.Value);
            Console.WriteLine(result.Offset);
"""),
                Race010KafkaTests.Worker("        var config = new ConsumerConfig { BootstrapServers = \"localhost:9092\", GroupId = \"inventory\", EnableAutoOffsetStore = false };", """
            var result = consumer.Consume(ct);
            await SaveAsync(result.Message.Key, result.Message.Value);
            consumer.StoreOffset(result);
            Console.WriteLine(result.Offset);
"""));
        }

        [Fact]
        public async Task ConfigWithoutInitializerOrWithTheStoreOn_IsTurnedOff()
        {
            await Verify.VerifyCodeFixAsync(
                Race010KafkaTests.Worker("        var config = new ConsumerConfig();", """
            var result = {|RACE010:consumer.Consume(ct)|};
            if (result.Message.Value.Length > 0)
            {
                await SaveAsync(result.Message.Key, result.Message.Value);
            }
"""),
                Race010KafkaTests.Worker("        var config = new ConsumerConfig { EnableAutoOffsetStore = false };", """
            var result = consumer.Consume(ct);
            if (result.Message.Value.Length > 0)
            {
                await SaveAsync(result.Message.Key, result.Message.Value);
                consumer.StoreOffset(result);
            }
"""));
        }

        [Fact]
        public async Task RejectedStoreOffset_TurnsTheAutomaticStoreOff()
        {
            await Verify.VerifyCodeFixAsync(
                Race010KafkaTests.Worker("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoOffsetStore = true };", """
            var result = consumer.Consume(ct);
            Console.WriteLine(result.Message.Key);
            {|RACE010:consumer.StoreOffset(result)|};
"""),
                Race010KafkaTests.Worker("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoOffsetStore = false };", """
            var result = consumer.Consume(ct);
            Console.WriteLine(result.Message.Key);
            consumer.StoreOffset(result);
"""));
        }
    }
}
