using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.AutoAckAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE010 follows the handler's work one call down (seen in a real fixed bug: the handler lambda calls a
    /// private method that records what it did through a repository). A private method that only logs is quiet.
    /// </summary>
    public sealed class Race010HandlerCallTests
    {
        private static string Consumer(string consume, string helperBody)
            => Race010Tests.Consumer(consume, "            await HandleAsync(db, ea.Body.ToArray());\n")
                   .Replace("    }\n}\n", "    }\n\n    private static async Task HandleAsync(NpgsqlConnection db, byte[] body)\n    {\n" + helperBody + "    }\n}\n");

        [Fact]
        public async Task HandlerWhosePrivateMethodStores_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer(
                "await {|RACE010:channel.BasicConsumeAsync(\"orders\", autoAck: true, consumer: consumer)|};",
                "        await db.ExecuteAsync(\"INSERT INTO orders (body) VALUES (@body)\", new { body });\n"));
        }

        [Fact]
        public async Task HandlerWhosePrivateMethodOnlyLogs_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer(
                "await channel.BasicConsumeAsync(\"metrics\", autoAck: true, consumer: consumer);",
                "        Console.WriteLine(body.Length);\n        await Task.CompletedTask;\n"));
        }
    }
}
