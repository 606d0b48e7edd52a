using System.Threading.Tasks;
using RaceAnalyzers.Tests.Rules.Delivery;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Delivery.AutoAckAnalyzer, RaceAnalyzers.CodeFixes.Delivery.ManualAckFixer>;

namespace RaceAnalyzers.Tests.Fixes.Delivery
{
    /// <summary>RACE010's fix: autoAck: false, the handler acks after its work and nacks with requeue when it throws.</summary>
    public sealed class Race010ManualAckFixTests
    {
        [Fact]
        public async Task AutoAck_BecomesAnAckAfterTheWriteAndARequeueingNack()
        {
            await Verify.VerifyCodeFixAsync(
                Race010Tests.Consumer("await {|RACE010:channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer: consumer)|};",
                    "            var body = ea.Body.ToArray();\n            await db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\", new { body });\n"),
                Race010Tests.Consumer("await channel.BasicConsumeAsync(\"orders\", autoAck: false, consumer: consumer);",
                    "            try\n            {\n                var body = ea.Body.ToArray();\n                await db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\", new { body });\n"
                    + "                await channel.BasicAckAsync(ea.DeliveryTag, multiple: false);\n            }\n            catch\n            {\n"
                    + "                await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);\n            }\n"));
        }

        [Fact]
        public async Task HandlerThatReturnsEarly_GetsNoFix_TheReturnWouldSkipTheAck()
        {
            await Verify.VerifyNoFixAsync(Race010Tests.Consumer("await {|RACE010:channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer: consumer)|};",
                "            if (ea.Body.Length == 0)\n            {\n                return;\n            }\n\n            await db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\", new { body = ea.Body.ToArray() });\n"));
        }
    }
}
