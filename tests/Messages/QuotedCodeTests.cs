using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Baseline;
using Xunit;

namespace RaceAnalyzers.Tests.Messages
{
    /// <summary>How messages quote code: whitespace runs as one space, cut where two tokens meet, never mid-word.</summary>
    public sealed class QuotedCodeTests
    {
        private static string Quote(string expression)
            => Text.Short(CSharpSyntaxTree.ParseText("class C { void M() { " + expression + "; } }").GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().First());

        [Fact]
        public void MultiLineSql_IsOneLine_CutAtATokenBoundary()
        {
            var quote = Quote("conn.ExecuteAsync(\n    \"\"\"\n    UPDATE stock_items\n       SET on_hand = @remaining\n     WHERE sku = @sku\n    \"\"\", new { remaining, sku })");

            Assert.Equal("conn.ExecuteAsync( \"\"\" UPDATE stock_items SET on_hand =…", quote);
        }

        [Fact]
        public void ShortCode_IsQuotedWhole()
        {
            Assert.Equal("_gate.WaitAsync(ct)", Quote("_gate.WaitAsync(ct)"));
        }

        [Fact]
        public void TheCut_KeepsWhatABaselineFingerprintReads()
        {
            var code = "connection.ExecuteAsync(\"INSERT INTO events (id) VALUES (@Key)\", new { result.Message.Key })";
            var quote = Quote(code);

            Assert.EndsWith("…", quote);
            Assert.Equal(Fingerprint.Operations("'" + code + "'"), Fingerprint.Operations("'" + quote + "'"));
        }
    }
}
