using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Flow
{
    /// <summary>
    /// The engine sees through the calls that change how a task is awaited but not what it does
    /// (<c>ConfigureAwait</c>, <c>AsTask</c>, <c>Task.WaitAsync</c>): library code writes them on almost every await,
    /// and each real RACE002 bug of that form was missed while the same line without them was found.
    /// </summary>
    public sealed class AwaitableWrapperTests
    {
        [Theory]
        [InlineData("_gate.WaitAsync(ct).ConfigureAwait(false)")]
        [InlineData("_gate.WaitAsync(ct).WaitAsync(TimeSpan.FromSeconds(5))")]
        [InlineData("_gate.WaitAsync(ct).WaitAsync(ct).ConfigureAwait(continueOnCapturedContext: false)")]
        public async Task WaitInsideTheReleasingTry_ThroughWrappers_IsFlaggedAtTheAcquire(string awaited)
        {
            await Verify.VerifyAnalyzerAsync(Code.Method($$"""

        try
        {
            await {|#0:_gate.WaitAsync(ct)|}{{awaited.Substring("_gate.WaitAsync(ct)".Length)}};
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""), null, Verify.Diagnostic("RACE002").WithLocation(0).WithArguments("_gate", "_gate.WaitAsync(ct)"));
        }

        [Fact]
        public async Task WaitBeforeTheTry_ThroughConfigureAwait_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct).ConfigureAwait(false);
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

        [Fact]
        public async Task ReleaseOnTheNormalPathOnly_AfterConfigureAwait_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        {|RACE002:_gate.Release()|};
"""));
        }

        [Fact]
        public async Task WaitWithoutTokenInsideTheTry_ThroughConfigureAwait_IsClean_ItCannotFail()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
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
