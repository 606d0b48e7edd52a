using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// A loop pass is not the next pass: a try-take and its release in one pass are not a take that a later pass's
    /// throwing call leaks (a false positive seen on open-source code), while a take whose release a throwing call
    /// in the same pass skips is still flagged.
    /// </summary>
    public sealed class Race002LoopTests
    {
        [Fact]
        public async Task TryTakeReleasedInThePass_ThenAThrowingCallLaterInTheLoop_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 3; i++)
        {
            if (_gate.Wait(0))
            {
                _gate.Release();
            }

            _handler.Process(msg);
        }
"""));
        }

        [Fact]
        public async Task TakeAndReleaseAroundAThrowingCallInTheLoop_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 3; i++)
        {
            _gate.Wait(ct);
            _handler.Process(msg);
            {|RACE002:_gate.Release()|};
        }
"""));
        }
    }
}
