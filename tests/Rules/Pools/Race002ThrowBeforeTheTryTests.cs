using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002: a finally releases only what its try covers, so work that can throw between the acquisition and the
    /// try leaves the slot taken; work before the acquisition, or nothing that can throw in between, is clean.
    /// </summary>
    public sealed class Race002ThrowBeforeTheTryTests
    {
        [Fact]
        public async Task AwaitedWorkBetweenTheWaitAndTheTry_IsFlaggedAtTheRelease()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        {|#1:await stream.FlushAsync(ct)|};
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            {|#0:_gate.Release()|};
        }
"""), null,
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1)
                    .WithArguments("_gate", "_gate.Release()", "await stream.FlushAsync(ct)", "24"));
        }

        [Fact]
        public async Task MonitorEnteredThenWorkBeforeTheTry_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        Monitor.Enter(_sync);
        _handler.Process(msg);
        try
        {
            msg.Acknowledge();
        }
        finally
        {
            {|RACE002:Monitor.Exit(_sync)|};
        }
"""));
        }

        [Fact]
        public async Task WorkBeforeTheWait_OrNothingThatThrowsBetween_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await stream.FlushAsync(ct);
        await _gate.WaitAsync(ct);
        var attempt = 1;
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
        public async Task PreparationBetween_CopyingDisposingBuildingText_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var pending = new System.Collections.Generic.List<string> { msg.Id };
        await _gate.WaitAsync(ct);
        stream.Dispose();
        var batch = System.Linq.Enumerable.ToList(pending);
        var label = string.Concat("batch of ", batch.Count.ToString());
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
        public async Task LoggingThroughTheProjectsOwnExtension_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        _trace.LogStep("starting");
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
""", members: "    private readonly IStepLogger _trace = null!;") + """
public interface IStepLogger { void Write(string text); }
public static class StepLoggerExtensions { public static void LogStep(this IStepLogger logger, string text) => logger.Write(text); }
""");
        }

        [Fact]
        public async Task TakeInsideAnotherLocksTry_HandOverHand_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        Monitor.Enter(_sync);
        try
        {
            _gate.Wait(ct);
        }
        finally
        {
            _handler.Process(msg);
            Monitor.Exit(_sync);
        }

        try
        {
            msg.Acknowledge();
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task TestedTake_IsLeftToTheTestedTakeChecks()
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
    }
}
