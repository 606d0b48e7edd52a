using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>Look-alikes of RACE001 that are correct code: each one is a false positive prevented.</summary>
    public sealed class Race001NegativeTests
    {
        [Fact]
        public async Task CaseStudyFixed_AckFirstReturnInFinally_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            msg.Acknowledge();
        }
        catch (Exception)
        {
            msg.Nack();
            throw;
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
"""));
        }

        [Fact]
        public async Task NothingUsedAfterReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        await stream.ReadAsync(buffer, 0, 64, ct);
        ArrayPool<byte>.Shared.Return(buffer);
"""));
        }

        [Fact]
        public async Task OnlyLoggingAndMetricsAfterReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            msg.Acknowledge();
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
        _logger.LogInformation("returned {Connection} for {Message}", conn.Id, msg.Id);
        _log.Info(conn.Id);
        Console.WriteLine(conn.Id);
        Returned.Add(1);
""", members: "    private static readonly System.Diagnostics.Metrics.Counter<int> Returned = new System.Diagnostics.Metrics.Meter(\"m\").CreateCounter<int>(\"returned\");\n"));
        }

        [Fact]
        public async Task CopyTakenBeforeReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        var read = await stream.ReadAsync(buffer, 0, 64, ct);
        var copy = buffer.AsSpan(0, read).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        await stream.WriteAsync(copy, 0, copy.Length, ct);
        await stream.FlushAsync(ct);
"""));
        }

        [Fact]
        public async Task VariableReboundToFreshRentalBeforeNextUse_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        await stream.ReadAsync(buffer, 0, 64, ct);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = ArrayPool<byte>.Shared.Rent(128);
        await stream.ReadAsync(buffer, 0, 128, ct);
        ArrayPool<byte>.Shared.Return(buffer);
"""));
        }

        [Fact]
        public async Task RentAndReturnInsideALoop_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        for (var i = 0; i < 3; i++)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64);
            await stream.ReadAsync(buffer, 0, 64, ct);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        byte[] shared;
        while (!ct.IsCancellationRequested)
        {
            shared = ArrayPool<byte>.Shared.Rent(64);
            await stream.ReadAsync(shared, 0, 64, ct);
            ArrayPool<byte>.Shared.Return(shared);
        }
"""));
        }

        [Fact]
        public async Task ConnectionPerIterationWithAckBeforeReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        foreach (var item in batch)
        {
            var conn = _pool.GetConnection();
            try
            {
                _handler.Process(item);
                item.Acknowledge();
            }
            finally
            {
                _pool.ReturnConnection(conn);
            }
        }
""", signature: "public async Task Run(Message[] batch)"));
        }

        [Fact]
        public async Task DependentCallOnSomethingTheWorkDidNotUse_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            conn.Send(Array.Empty<byte>());
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
        msg.Acknowledge();
"""));
        }

        [Fact]
        public async Task BufferReturnedThenUnrelatedSendOfACopy_IsClean()
        {
            // Dependent calls matter for connections and sessions; an array's later 'send' of a copy cannot touch it.
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        var read = await stream.ReadAsync(buffer, 0, 64, ct);
        var copy = buffer[..read];
        ArrayPool<byte>.Shared.Return(buffer);
        var conn = _pool.GetConnection();
        try
        {
            conn.Send(copy);
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
"""));
        }

        [Fact]
        public async Task NameofAfterReturn_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        ArrayPool<byte>.Shared.Return(buffer);
        var name = nameof(buffer);
"""));
        }

        [Fact]
        public async Task ReturnAndUseOnExclusiveBranches_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        if (ct.IsCancellationRequested)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        await stream.WriteAsync(buffer, 0, 64, ct);
        ArrayPool<byte>.Shared.Return(buffer);
"""));
        }

        [Fact]
        public async Task UsesInsideALambdaAfterReturn_BelongToTheLambdasOwnUnitOfWork()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(64);
        Func<byte[]> rent = () =>
        {
            var local = ArrayPool<byte>.Shared.Rent(8);
            return local;
        };
        ArrayPool<byte>.Shared.Return(buffer);
        var next = rent();
"""));
        }

        [Fact]
        public async Task MethodWithoutAnyPool_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        _handler.Process(msg);
        msg.Acknowledge();
"""));
        }
    }
}
