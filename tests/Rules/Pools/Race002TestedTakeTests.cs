using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;
using VerifyFix = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer, RaceAnalyzers.CodeFixes.Pools.MoveIntoFinallyFixer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002's mirror bug with a take whose result is tested inside the try (Elsa's scheduled task:
    /// <c>var acquired = await _gate.WaitAsync(0, ct); if (!acquired) return;</c>): a failed take leaves the try
    /// through the finally, which releases a slot this code never held. Quiet when the finally tests the flag, or the
    /// take is before the try.
    /// </summary>
    public sealed class Race002TestedTakeTests
    {
        [Theory]
        [InlineData("var acquired = await {|RACE002:_gate.WaitAsync(0, ct)|};\n            if (!acquired) return;")]
        [InlineData("if (!{|RACE002:_gate.Wait(0)|}) return;")]
        [InlineData("if (!await {|RACE002:_gate.WaitAsync(100)|}.ConfigureAwait(false))\n            {\n                return;\n            }")]
        public async Task TestedTakeInsideTheTryWhoseFinallyReleases_IsFlagged(string take)
        {
            await Verify.VerifyAnalyzerAsync(Code.Method($$"""

        try
        {
            {{take}}
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task TestedTake_GetsNoFix_MovingItOutWouldLeaveItsTestInside()
        {
            await VerifyFix.VerifyNoFixAsync(Code.Method("""

        try
        {
            var acquired = await {|RACE002:_gate.WaitAsync(0, ct)|};
            if (!acquired) return;
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task FinallyThatTestsTheFlag_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var acquired = false;
        try
        {
            acquired = await _gate.WaitAsync(0, ct);
            if (!acquired) return;
            _handler.Process(msg);
        }
        finally
        {
            if (acquired)
            {
                _gate.Release();
            }
        }
"""));
        }

        [Fact]
        public async Task TestedTakeBeforeTheTry_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        if (!await _gate.WaitAsync(0, ct))
        {
            return;
        }

        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }
    }
}
