using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// Bodies made only of canonical pairs (take, then a try whose finally begins with the release) are settled
    /// without a control-flow graph; one pair that is not canonical still gets the whole analysis.
    /// </summary>
    public sealed class Race002CanonicalPairTests
    {
        [Fact]
        public async Task NestedCanonicalPairs_ThroughConfigureAwait_AreClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Monitor.Enter(_sync);
            try
            {
                _handler.Process(msg);
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task CanonicalPairBesideALeakingOne_LeakIsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            await stream.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }

        Monitor.Enter(_sync);
        _handler.Process(msg);
        {|RACE002:Monitor.Exit(_sync)|};
"""));
        }
    }
}
