using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>Look-alikes of RACE002 that are correct code.</summary>
    public sealed class Race002NegativeTests
    {
        [Fact]
        public async Task AcquireBeforeTry_ReleaseInFinally_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            msg.Acknowledge();
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
"""));
        }

        [Fact]
        public async Task UsingScopes_AreClean()
        {
            var source = Code.Usings + """

public sealed class Lease : IDisposable { public void Dispose() { } }
public sealed class LeasePool { public Lease Rent() => new Lease(); public void Return(Lease lease) { } }

public sealed class Worker
{
    public async Task Run(LeasePool pool, System.Threading.RateLimiting.RateLimiter limiter, IMessageHandler handler, Message message)
    {
        using (var lease = pool.Rent())
        {
            handler.Process(message);
        }

        using var permit = await limiter.AcquireAsync(1);
        handler.Process(message);
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task MonitorEnterWithTakenFlag_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var taken = false;
        try
        {
            Monitor.Enter(_sync, ref taken);
            _handler.Process(msg);
        }
        finally
        {
            if (taken)
            {
                Monitor.Exit(_sync);
            }
        }
"""));
        }

        [Fact]
        public async Task LockStatement_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        lock (_sync)
        {
            _handler.Process(msg);
        }
"""));
        }

        [Fact]
        public async Task EarlyReturnBeforeAcquiring_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        if (!await _gate.WaitAsync(0))
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

        [Fact]
        public async Task GuardedReleaseInFinally_WithAcquireInsideTry_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var entered = false;
        try
        {
            await _gate.WaitAsync(ct);
            entered = true;
            _handler.Process(msg);
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
"""));
        }

        [Fact]
        public async Task ArrayPoolAndObjectPool_NormalPathReturn_AreNotRace002()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        await stream.ReadAsync(buffer, 0, 64, ct);
        ArrayPool<byte>.Shared.Return(buffer);

        var builder = builders.Get();
        builder.Append(msg.Id);
        _handler.Process(msg);
        builders.Return(builder);
""", signature: "public async Task Run(Message msg, Stream stream, ObjectPool<StringBuilder> builders, CancellationToken ct)"));
        }

        [Fact]
        public async Task NothingThatCanThrowBetweenAcquireAndRelease_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        _gate.Wait();
        var count = _counter + 1;
        _counter = count;
        _gate.Release();
""", members: "    private int _counter;\n"));
        }

        [Fact]
        public async Task ReleasedInRethrowingCatchAndOnNormalPath_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
        }
        catch
        {
            _pool.ReturnConnection(conn);
            throw;
        }

        _pool.ReturnConnection(conn);
"""));
        }

        [Fact]
        public async Task ReleaseOfADifferentSemaphore_IsNotPaired()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }

        _handler.Process(msg);
        other.Release();
""", signature: "public async Task Run(Message msg, SemaphoreSlim other, CancellationToken ct)"));
        }
    }
}
