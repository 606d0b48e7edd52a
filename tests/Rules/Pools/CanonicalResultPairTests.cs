using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Rules.Pools;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// A rented buffer, pooled object or connection taken into a local, then a try whose finally is its return alone,
    /// settles RACE001/RACE002 without a control-flow graph when nothing of the body can run after the return. Every
    /// shape where something can (a statement after the try, more in the finally, a loop or goto, a lambda) still
    /// gets the graph, and its use after return is still flagged.
    /// </summary>
    public sealed class CanonicalResultPairTests
    {
        private const string Members = """
    private readonly ObjectPool<StringBuilder> _builders = null!;
    private StringBuilder _kept = null!;
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
""";

        [Theory]
        [InlineData("""
        var builder = _builders.Get();
        try
        {
            builder.Append(words);
            return builder.ToString();
        }
        finally
        {
            _builders.Return(builder);
        }
""")]
        [InlineData("""
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
            return read.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
""")]
        [InlineData("""
        StringBuilder builder;
        builder = _builders.Get();
        try
        {
            return builder.Append(words).ToString();
        }
        finally
        {
            _builders.Return(builder);
        }
""")]
        [InlineData("""
        await _gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        finally
        {
            _gate.Release();
        }
""")]
        public void PairThatEndsTheBody_NeedsNoGraph(string body)
        {
            Assert.False(NeedsFlow(body));
        }

        [Theory]
        [InlineData("a statement after the try", """
        var builder = _builders.Get();
        try
        {
            builder.Append(words);
        }
        finally
        {
            _builders.Return(builder);
        }

        return words;
""")]
        [InlineData("more in the finally", """
        var builder = _builders.Get();
        try
        {
            return builder.Append(words).ToString();
        }
        finally
        {
            _builders.Return(builder);
            builder.Clear();
        }
""")]
        [InlineData("a loop around the pair", """
        foreach (var word in words)
        {
            var builder = _builders.Get();
            try
            {
                builder.Append(word);
            }
            finally
            {
                _builders.Return(builder);
            }
        }

        return words;
""")]
        [InlineData("a goto back over the take", """
        StringBuilder builder = null!;
    again:
        Console.WriteLine(builder);
        builder = _builders.Get();
        try
        {
            if (builder.Length == 0)
            {
                goto again;
            }

            return words;
        }
        finally
        {
            _builders.Return(builder);
        }
""")]
        [InlineData("a lambda that can run later", """
        var builder = _builders.Get();
        try
        {
            _ = Task.Run(() => builder.Append(words));
            return words;
        }
        finally
        {
            _builders.Return(builder);
        }
""")]
        [InlineData("a field holding the object", """
        _kept = _builders.Get();
        try
        {
            return _kept.Append(words).ToString();
        }
        finally
        {
            _builders.Return(_kept);
        }
""")]
        [InlineData("work between the take and the try", """
        var builder = _builders.Get();
        builder.Append(words);
        try
        {
            return builder.ToString();
        }
        finally
        {
            _builders.Return(builder);
        }
""")]
        [InlineData("more in the finally of the try around the pair", """
        await _gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        finally
        {
            _gate.Release();
            Console.WriteLine(words);
        }
""")]
        [InlineData("a catch on the try around the pair", """
        await _gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine(words);
            throw;
        }
        finally
        {
            _gate.Release();
        }
""")]
        [InlineData("the release around the pair names a local", """
        var gate = _gate;
        await gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        finally
        {
            gate.Release();
        }
""")]
        [InlineData("a statement after the try around the pair", """
        await _gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        finally
        {
            _gate.Release();
        }

        return words;
""")]
        public void PairAfterWhichSomethingCanRun_NeedsTheGraph(string shape, string body)
        {
            Assert.True(NeedsFlow(body), shape);
        }

        [Fact]
        public async Task PairThatEndsTheBody_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        var builder = _builders.Get();
        try
        {
            builder.Append(words);
            return builder.ToString();
        }
        finally
        {
            _builders.Return(builder);
        }
"""));
        }

        [Fact]
        public async Task UseAfterTheReturnInTheSameFinally_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        var builder = _builders.Get();
        try
        {
            return builder.Append(words).ToString();
        }
        finally
        {
            {|RACE001:_builders.Return(builder)|};
            builder.Clear();
        }
"""));
        }

        [Fact]
        public async Task PairInsideALockPair_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        await _gate.WaitAsync();
        try
        {
            var builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task UseAfterTheReturnInTheFinallyAroundThePair_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        StringBuilder builder = null!;
        await _gate.WaitAsync();
        try
        {
            builder = _builders.Get();
            try
            {
                return builder.Append(words).ToString();
            }
            finally
            {
                {|RACE001:_builders.Return(builder)|};
            }
        }
        finally
        {
            _gate.Release();
            _kept = builder;
        }
"""));
        }

        [Fact]
        public async Task UseAfterTheTry_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        var builder = _builders.Get();
        try
        {
            builder.Append(words);
        }
        finally
        {
            {|RACE001:_builders.Return(builder)|};
        }

        return builder.ToString();
"""));
        }

        private static string Source(string body) => Code.Usings + """

public sealed class Renderer
{
""" + Members + """

    public async Task<string> Render(string words, Stream stream)
    {
""" + body + """

    }
}

""" + InHouseApis.MessageQueue;

        private static bool NeedsFlow(string body)
        {
            var tree = CSharpSyntaxTree.ParseText(Source(body));
            var compilation = CSharpCompilation.Create("Pairs", new[] { tree }, TestReferences.Get(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Render");
            var root = compilation.GetSemanticModel(tree).GetOperation(method)!;
            return CanonicalPairs.NeedsFlow(root, ApiCatalog.For(compilation), ConfiguredMethods.Empty);
        }
    }
}
