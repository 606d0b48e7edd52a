using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Options.OptionsAnalyzer>;

namespace RaceAnalyzers.Tests.Options
{
    /// <summary>
    /// RACE000: a race_analyzers.* setting that cannot take effect is reported (once, without a location: the
    /// compiler gives analyzers none inside .editorconfig), naming the key, the entry and the likely intent.
    /// </summary>
    public sealed class Race000Tests
    {
        private const string Source = """
namespace Acme.Messaging
{
    public sealed class Link { }

    public sealed class Links
    {
        public Link Take() => new Link();
        public void Give(Link link) { }

        public sealed class Reserve
        {
            public void Hold() { }
        }
    }
}
""";

        private static Task VerifyAsync(string config, params string[] messages)
        {
            var expected = new Microsoft.CodeAnalysis.Testing.DiagnosticResult[messages.Length];
            for (var i = 0; i < messages.Length; i++)
            {
                expected[i] = Verify.Diagnostic("RACE000").WithArguments(messages[i]);
            }

            return Verify.VerifyAnalyzerAsync(Source, config + "\n", expected);
        }

        [Fact]
        public async Task ValidSettings_AreNotReported()
        {
            await VerifyAsync("""
race_analyzers.acquire_methods = Acme.Messaging.Links.Take | M:Acme.Messaging.Links.Reserve.Hold
race_analyzers.release_methods = M:Acme.Messaging.Links.Give(Acme.Messaging.Link)
race_analyzers.max_call_depth = 0
race_analyzers.handling_words = Journal, Ledger2
""");
        }

        [Fact]
        public async Task UnknownKey_NamesTheClosestOption()
        {
            await VerifyAsync(
                "race_analyzers.acquire_method = Acme.Messaging.Links.Take\nrace_analyzers.colour = blue",
                "'race_analyzers.acquire_method' is not a RaceAnalyzers option; did you mean 'race_analyzers.acquire_methods'?",
                "'race_analyzers.colour' is not a RaceAnalyzers option.");
        }

        [Fact]
        public async Task MethodWithoutNamespace_NamesTheQualifiedMethod()
        {
            await VerifyAsync(
                "race_analyzers.acquire_methods = Links.Take",
                "'race_analyzers.acquire_methods': 'Links.Take' has no namespace: write Namespace.Type.Method ('Acme.Messaging.Links.Take'?).");
        }

        [Fact]
        public async Task MethodThatIsNotInTheCompilation_NamesWhatIs()
        {
            await VerifyAsync(
                "race_analyzers.release_methods = Acme.Messaging.Links.Return | Acme.Pools.Links.Give",
                "'race_analyzers.release_methods': 'Acme.Messaging.Links.Return' names no method of Acme.Messaging.Links; the setting is ignored.",
                "'race_analyzers.release_methods': 'Acme.Pools.Links.Give' names no type of the compilation; did you mean 'Acme.Messaging.Links.Give'?");
        }

        [Fact]
        public async Task DocumentationIdOfNoOverload_NamesTheOverloads()
        {
            await VerifyAsync(
                "race_analyzers.acquire_methods = M:Acme.Messaging.Links.Take(System.String)",
                "'race_analyzers.acquire_methods': 'M:Acme.Messaging.Links.Take(System.String)' matches no overload of Acme.Messaging.Links.Take ('M:Acme.Messaging.Links.Take'); the setting is ignored.");
        }

        [Theory]
        [InlineData("42")]
        [InlineData("-1")]
        [InlineData("deep")]
        public async Task CallDepthOutOfRange_IsReported(string depth)
        {
            await VerifyAsync(
                "race_analyzers.max_call_depth = " + depth,
                $"'race_analyzers.max_call_depth = {depth}' is not a number from 0 to 10; the default, 3, is used.");
        }

        [Fact]
        public async Task WordThatCannotOpenAMethodName_IsReported()
        {
            await VerifyAsync(
                "race_analyzers.reading_words = Replay | scan | Look-up",
                "'race_analyzers.reading_words': 'scan' cannot open a method name: a word starts with a capital letter and has only letters and digits.",
                "'race_analyzers.reading_words': 'Look-up' cannot open a method name: a word starts with a capital letter and has only letters and digits.");
        }

        [Fact]
        public async Task ReuseOnlyPoolThatNamesNoType_IsReported()
        {
            await VerifyAsync(
                "race_analyzers.reuse_only_pools = Acme.Messaging.Links | Links | Acme.Messaging.Linkz",
                "'race_analyzers.reuse_only_pools': 'Links' has no namespace: write Namespace.Type; did you mean 'Acme.Messaging.Links'?",
                "'race_analyzers.reuse_only_pools': 'Acme.Messaging.Linkz' names no type of the compilation; the setting is ignored.");
        }
    }
}
