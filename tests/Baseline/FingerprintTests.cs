using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Baseline;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Baseline
{
    /// <summary>What a finding's fingerprint keeps (the quoted operations, the member) and what it drops (lines, whitespace).</summary>
    public sealed class FingerprintTests
    {
        [Fact]
        public void Operations_AreTheQuotedCode_WithoutWhitespaceAndLineNumbers()
        {
            var message = "'conn' is returned to its pool by '_pool.ReturnConnection( conn )' but used afterwards by 'msg.Acknowledge()' (line 24); another thread may already own it";

            Assert.Equal("conn | _pool.ReturnConnection(conn) | msg.Acknowledge()", Fingerprint.Operations(message));
            Assert.Equal(Fingerprint.Operations(message), Fingerprint.Operations(message.Replace("(line 24)", "(line 31)")));
        }

        /// <summary>Messages cut long code at 60 characters, spaces included: only the first 40 others count, so a reformat does not move the cut into the key.</summary>
        [Fact]
        public void LongOperations_CountTheirFirst40Characters()
        {
            var before = Fingerprint.Operations("'connection.ExecuteAsync(\"INSERT INTO orders (body) VALUES (…' persists it");
            var after = Fingerprint.Operations("'connection.ExecuteAsync(  \"INSERT INTO orders (body) VALU…' persists it");

            Assert.Equal("connection.ExecuteAsync(\"INSERTINTOorder", before);
            Assert.Equal(before, after);
        }

        [Fact]
        public void MessageWithoutQuotes_CountsWholeWithoutFileAndLineReferences()
        {
            Assert.Equal(
                "Locks are taken in a cycle, _a → _b → _a (Ledger.cs) and back",
                Fingerprint.Operations("Locks are taken in a cycle, _a → _b → _a (Ledger.cs) and back"));
            Assert.Equal(
                Fingerprint.Operations("cycle at Ledger.cs:54 and Book.cs:62, line 3"),
                Fingerprint.Operations("cycle at Ledger.cs:70 and Book.cs:12, line 9"));
        }

        [Fact]
        public void Member_IsTheDeclaringMember_EvenInsideLambdasAndLocalFunctions()
        {
            const string Source = """
using System;
namespace Shop
{
    public sealed class Orders
    {
        private int _count;
        public int Count { get { return _count; } }
        public void Place(string sku, int quantity)
        {
            Action act = () => { _count++; };
            void Local() { _count--; }
            Local();
        }
    }
}
""";
            var tree = CSharpSyntaxTree.ParseText(Source);
            var model = CSharpCompilation.Create("Shop", new[] { tree }, TestReferences.Get()).GetSemanticModel(tree);

            Assert.Equal("M:Shop.Orders.Place(System.String,System.Int32)", Fingerprint.Member(model, Source.IndexOf("_count++")));
            Assert.Equal("M:Shop.Orders.Place(System.String,System.Int32)", Fingerprint.Member(model, Source.IndexOf("_count--")));
            Assert.Equal("M:Shop.Orders.get_Count~System.Int32", Fingerprint.Member(model, Source.IndexOf("return _count")));
        }
    }
}
