using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>RACE002 is reported: an exception between acquire and release skips the release; or a lock is entered inside its own try.</summary>
    public sealed class Race002Tests
    {
        [Fact]
        public async Task ConnectionPool_ReturnOnNormalPathOnly_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        {|#1:_handler.Process(msg)|};
        msg.Acknowledge();
        {|#0:_pool.ReturnConnection(conn)|};
"""), null,
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments("conn", "_pool.ReturnConnection(conn)", "_handler.Process(msg)", "24"));
        }

        [Fact]
        public async Task SemaphoreSlim_ReleaseAfterAwaitedWork_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        await stream.FlushAsync(ct);
        {|RACE002:_gate.Release()|};
"""));
        }

        [Fact]
        public async Task SemaphoreSlim_SyncWait_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        _gate.Wait(ct);
        _handler.Process(msg);
        {|RACE002:_gate.Release()|};
"""));
        }

        [Fact]
        public async Task MonitorEnterExit_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        Monitor.Enter(_sync);
        _handler.Process(msg);
        {|RACE002:Monitor.Exit(_sync)|};
"""));
        }

        [Fact]
        public async Task ReaderWriterLockSlim_WriteLock_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        rw.EnterWriteLock();
        _handler.Process(msg);
        {|RACE002:rw.ExitWriteLock()|};
""", signature: "public async Task Run(Message msg, ReaderWriterLockSlim rw)"));
        }

        [Theory]
        [InlineData("EnterReadLock", "ExitReadLock")]
        [InlineData("EnterUpgradeableReadLock", "ExitUpgradeableReadLock")]
        [InlineData("EnterWriteLock", "ExitWriteLock")]
        public async Task ReaderWriterLockSlim_EveryMode_IsFlagged(string enter, string exit)
        {
            await Verify.VerifyAnalyzerAsync(Code.Method($@"
        rw.{enter}();
        _handler.Process(msg);
        {{|RACE002:rw.{exit}()|}};", signature: "public async Task Run(Message msg, ReaderWriterLockSlim rw)"));
        }

        [Fact]
        public async Task ReaderWriterLockSlim_ExitOfAnotherMode_IsNotPaired()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        rw.EnterReadLock();
        _handler.Process(msg);
        rw.ExitWriteLock();
""", signature: "public async Task Run(Message msg, ReaderWriterLockSlim rw)"));
        }

        [Fact]
        public async Task SystemThreadingLock_EnterExit_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        gate.Enter();
        _handler.Process(msg);
        {|RACE002:gate.Exit()|};
""", signature: "public async Task Run(Message msg, Lock gate)"));
        }

        [Fact]
        public async Task ConfiguredReceiverStyleAcquireAndRelease_AreFlagged()
        {
            var source = Code.Usings + """

namespace Acme { public sealed class Throttle { public void Enter() { } public void Leave() { } } }

public sealed class Worker
{
    public void Run(Acme.Throttle throttle, IMessageHandler handler, Message message)
    {
        throttle.Enter();
        handler.Process(message);
        {|RACE002:throttle.Leave()|};
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source, "race_analyzers.acquire_methods = Acme.Throttle.Enter\nrace_analyzers.release_methods = Acme.Throttle.Leave\n");
        }

        [Fact]
        public async Task Mutex_WaitOneReleaseMutex_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        mutex.WaitOne();
        _handler.Process(msg);
        {|RACE002:mutex.ReleaseMutex()|};
""", signature: "public async Task Run(Message msg, Mutex mutex)"));
        }

        [Fact]
        public async Task InHouseAcquireReleasePool_IsFlagged()
        {
            var source = Code.Usings + """

public sealed class Slot { }
public sealed class SlotPool { public Slot Acquire() => new Slot(); public void Release(Slot slot) { } }

public sealed class Scheduler
{
    public void Run(SlotPool pool, IMessageHandler handler, Message message)
    {
        var slot = pool.Acquire();
        handler.Process(message);
        {|RACE002:pool.Release(slot)|};
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task ReleaseInsideTryBodyWithSwallowingCatch_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            _handler.Process(msg);
            {|RACE002:_gate.Release()|};
        }
        catch (InvalidOperationException)
        {
            msg.Nack();
        }
"""));
        }

        [Fact]
        public async Task Mirror_WaitAsyncInsideTheTryWhoseFinallyReleases_IsFlaggedAtTheAcquire()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        try
        {
            await {|#0:_gate.WaitAsync(ct)|};
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""), null, Verify.Diagnostic("RACE002").WithLocation(0).WithArguments("_gate", "_gate.WaitAsync(ct)"));
        }

        [Fact]
        public async Task Mirror_WaitAsyncWithoutTokenOrTimeoutInsideTheTry_IsClean_ItCannotFailToTakeTheSlot()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        try
        {
            await _gate.WaitAsync();
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task Mirror_MonitorEnterWithoutTakenFlagInsideTry_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        try
        {
            {|RACE002:Monitor.Enter(_sync)|};
            _handler.Process(msg);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
"""));
        }

        [Fact]
        public async Task ReturnBeforeAckOnConnectionPool_IsReportedOnceAsRace001()
        {
            // The same release is also unprotected; RACE001 says more, so RACE002 stays silent on that call.
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        {|RACE001:_pool.ReturnConnection(conn)|};
        msg.Acknowledge();
"""));
        }
    }
}
