using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002's normal-path leak: a method that releases what it took on some paths leaves on another holding it
    /// (an early return or break between the acquisition and the try). Found in real fixed bugs (a cache hit and an
    /// "already initialized" check before the try); the look-alikes that leave correctly stay quiet.
    /// </summary>
    public sealed class Race002EarlyExitTests
    {
        [Fact]
        public async Task EarlyReturn_BetweenTheWaitAndTheTry_IsFlaggedAtTheWait()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await {|#0:_gate.WaitAsync(ct)|}.ConfigureAwait(false);
        {|#1:if (msg.Id.Length == 0) return;|}
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""),
                null,
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1)
                    .WithArguments("_gate", "_gate.WaitAsync(ct)", "if (msg.Id.Length == 0) return", "24"));
        }

        [Fact]
        public async Task EarlyReturn_BeforeTheWait_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        if (msg.Id.Length == 0) return;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (msg.Id.Length == 1) return;
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task EarlyReturn_ThatReleasesFirst_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        if (msg.Id.Length == 0)
        {
            _gate.Release();
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

        [Fact]
        public async Task TryWaitWhoseResultIsTested_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        if (!await _gate.WaitAsync(100, ct)) return;
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
        public async Task ReleaseOnlyInACatch_HeldOnSuccessOnPurpose_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            _handler.Process(msg);
        }
        catch
        {
            _gate.Release();
            throw;
        }
"""));
        }

        [Fact]
        public async Task FinallyThatReleasesOnAFlag_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var taken = false;
        try
        {
            await _gate.WaitAsync(ct);
            taken = true;
            _handler.Process(msg);
        }
        finally
        {
            if (taken) _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task BreakOutOfALoop_HoldingTheLock_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 3; i++)
        {
            {|#0:_gate.Wait(ct)|};
            {|#1:if (i == 1) break;|}
            try
            {
                _handler.Process(msg);
            }
            finally
            {
                _gate.Release();
            }
        }
"""),
                null,
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1)
                    .WithArguments("_gate", "_gate.Wait(ct)", "if (i == 1) break", "26"));
        }
    }
}
