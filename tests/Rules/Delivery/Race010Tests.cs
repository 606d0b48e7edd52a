using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.AutoAckAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>RACE010 (RabbitMQ): a consumer registered with autoAck: true whose handler persists the message.</summary>
    public sealed class Race010Tests
    {
        /// <summary>A consumer whose handler body is <paramref name="handlerBody"/> (starting on line 17) and whose consume call is on the line after the handler.</summary>
        internal static string Consumer(string consume, string handlerBody)
            => DeliveryCode.Usings
               + "public sealed class OrderConsumer\n{\n"
               + "    public async Task StartAsync(IChannel channel, NpgsqlConnection db, ILogger log)\n    {\n"
               + "        var consumer = new AsyncEventingBasicConsumer(channel);\n"
               + "        consumer.ReceivedAsync += async (_, ea) =>\n        {\n"
               + handlerBody
               + "        };\n"
               + "        " + consume + "\n"
               + "    }\n}\n";

        private const string Stores = "            await db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\", new { body = ea.Body.ToArray() });\n";

        [Theory]
        [InlineData("await {|RACE010:channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer: consumer)|};")]
        [InlineData("await {|RACE010:channel.BasicConsumeAsync(\"orders\", true, consumer)|};")]
        public async Task AutoAckedConsumerWhoseHandlerStores_IsFlaggedAtTheConsumeCall(string consume)
        {
            await Verify.VerifyAnalyzerAsync(Consumer(consume, Stores));
        }

        [Fact]
        public async Task Message_NamesTheConsumeAndTheWrite()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("await channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer: consumer);", Stores),
                Verify.Diagnostic("RACE010").WithSpan(19, 15, 19, 85).WithSpan(17, 19, 17, 112).WithArguments(
                    "channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer…", "db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\",…", 17));
        }

        [Theory]
        [InlineData("await channel.BasicConsumeAsync(\"orders\", autoAck: false, consumer: consumer);", Stores)]
        [InlineData("await channel.BasicConsumeAsync(\"metrics\", autoAck: true, consumer: consumer);", "            log.LogInformation(\"tick {Size}\", ea.Body.Length);\n")]
        public async Task ManualAckOrAHandlerThatStoresNothing_IsClean(string consume, string handlerBody)
        {
            await Verify.VerifyAnalyzerAsync(Consumer(consume, handlerBody));
        }

        [Fact]
        public async Task ConsumerFromElsewhere_IsNotJudged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + """
public sealed class Starter
{
    public Task StartAsync(IChannel channel, IAsyncBasicConsumer consumer)
        => channel.BasicConsumeAsync("orders", autoAck: true, consumer: consumer);
}
""");
        }
    }
}
