using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Options
{
    /// <summary>In-house APIs named in .editorconfig, and severity settings.</summary>
    public sealed class ConfigurationTests
    {
        private const string InHouse = Code.Usings + """

namespace Acme.Messaging
{
    public sealed class Link { public void Push(string text) { } }
    public sealed class Links
    {
        public Link Take() => new Link();
        public Link Take(int priority) => new Link();
        public void Give(Link link) { }
    }
    public sealed class Envelope { public void Settle() { } public string Text => ""; }
}

public sealed class Relay
{
    public void Forward(Acme.Messaging.Links links, Acme.Messaging.Envelope envelope)
    {
        var link = links.Take(1);
        link.Push(envelope.Text);
        BODY
    }
}

""" + InHouseApis.MessageQueue;

        private static string Source(string body) => InHouse.Replace("BODY", body);

        [Fact]
        public async Task ConfiguredMethods_WithoutConfiguration_AreUnknown()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
links.Give(link);
        envelope.Settle();
"""));
        }

        [Fact]
        public async Task ConfiguredAcquireReleaseAndDependent_AreFlagged()
        {
            const string config = """
race_analyzers.acquire_methods = Acme.Messaging.Links.Take
race_analyzers.release_methods = Acme.Messaging.Links.Give
race_analyzers.dependent_methods = Acme.Messaging.Envelope.Settle

""";
            await Verify.VerifyAnalyzerAsync(Source("""
{|RACE001:links.Give(link)|};
        envelope.Settle();
"""), config);
        }

        /// <summary>Entries of other types are ignored (and reported as RACE000), the rest still apply.</summary>
        [Fact]
        public async Task DocumentationIdsAndBothSeparators_AreAccepted()
        {
            const string config = """
race_analyzers.acquire_methods = M:Acme.Messaging.Links.Take(System.Int32) | Acme.Unused.Type.Method
race_analyzers.release_methods = M:Acme.Messaging.Links.Give(Acme.Messaging.Link), Acme.Unused.Type.Other
race_analyzers.dependent_methods = M:Acme.Messaging.Envelope.Settle

""";
            await Verify.VerifyAnalyzerAsync(Source("""
{|RACE001:links.Give(link)|};
        envelope.Settle();
"""), config,
                Verify.Diagnostic("RACE000").WithArguments("'race_analyzers.acquire_methods': 'Acme.Unused.Type.Method' names no type of the compilation; the setting is ignored."),
                Verify.Diagnostic("RACE000").WithArguments("'race_analyzers.release_methods': 'Acme.Unused.Type.Other' names no type of the compilation; the setting is ignored."));
        }

        /// <summary>Links.Take has two overloads; the documentation id names Take(int) only, so the link from Take() is no pooled resource.</summary>
        [Fact]
        public async Task DocumentationId_NamesOneOverloadOfTwo()
        {
            const string config = """
race_analyzers.acquire_methods = M:Acme.Messaging.Links.Take(System.Int32)
race_analyzers.release_methods = Acme.Messaging.Links.Give

""";
            await Verify.VerifyAnalyzerAsync(Source("""
{|RACE002:links.Give(link)|};
        var plain = links.Take();
        plain.Push(envelope.Text);
        links.Give(plain);
"""), config);
        }

        [Fact]
        public async Task ConfiguredRelease_OnNormalPathOnly_IsRace002()
        {
            const string config = """
race_analyzers.acquire_methods = Acme.Messaging.Links.Take
race_analyzers.release_methods = Acme.Messaging.Links.Give

""";
            await Verify.VerifyAnalyzerAsync(Source(@"{|RACE002:links.Give(link)|};"), config);
        }

        [Fact]
        public async Task MethodNotVerbNamed_IsNoDependentUseUnlessConfigured()
        {
            const string pools = """
race_analyzers.acquire_methods = Acme.Messaging.Links.Take
race_analyzers.release_methods = Acme.Messaging.Links.Give

""";
            // Settle is no ack/commit/send verb: after the return it is not a use, so only the leak (RACE002) remains.
            await Verify.VerifyAnalyzerAsync(Source("""
envelope.Settle();
        {|RACE002:links.Give(link)|};
        envelope.Settle();
"""), pools);
        }

        [Fact]
        public async Task SeverityNone_SilencesTheRule()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        _pool.ReturnConnection(conn);
        msg.Acknowledge();
"""), "dotnet_diagnostic.RACE001.severity = none\n");
        }
    }
}
