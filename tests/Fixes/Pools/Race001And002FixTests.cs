using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer, RaceAnalyzers.CodeFixes.Pools.MoveIntoFinallyFixer>;

namespace RaceAnalyzers.Tests.Fixes.Pools
{
    /// <summary>The try/finally fix for RACE001 and RACE002: exact output, Fix All at every scope, and where no fix is offered.</summary>
    public sealed class Race001And002FixTests
    {
        [Fact]
        public async Task ReleaseOnNormalPath_IsWrappedFromAcquireToRelease()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        msg.Acknowledge();
        {|RACE002:_pool.ReturnConnection(conn)|};
"""), Code.Method("""

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
        public async Task Semaphore_ReleaseMovesIntoFinally()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        await stream.FlushAsync(ct);
        {|RACE002:_gate.Release()|};
"""), Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            await stream.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task RentedArray_FinallyCoversTheLastUse()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        var read = await stream.ReadAsync(buffer, 0, buffer.Length, ct);
        {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
        await stream.WriteAsync(buffer, 0, read, ct);
"""), Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            var read = await stream.ReadAsync(buffer, 0, buffer.Length, ct);
            await stream.WriteAsync(buffer, 0, read, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
"""));
        }

        [Fact]
        public async Task LocalDeclaredInsideTheRangeAndReadAfterIt_StaysInScope()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        var value = Compute(conn);
        {|RACE002:_pool.ReturnConnection(conn)|};
        Save(value);
"""), Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            var value = Compute(conn);
            Save(value);
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
"""));
        }

        [Fact]
        public async Task Comments_AreKeptWithTheirStatements()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        // hand the message to the business logic
        _handler.Process(msg);
        // give the connection back
        {|RACE001:_pool.ReturnConnection(conn)|}; // never before the ack
        msg.Nack();
"""), Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            // hand the message to the business logic
            _handler.Process(msg);
            msg.Nack();
        }
        finally
        {
            // give the connection back
            _pool.ReturnConnection(conn); // never before the ack
        }
"""));
        }

        [Fact]
        public async Task ExistingTryWithCatch_GetsTheFinally()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

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
"""), Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            _handler.Process(msg);
        }
        catch (InvalidOperationException)
        {
            msg.Nack();
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task ExistingFinally_GetsTheReleaseAppended()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            {|RACE001:_pool.ReturnConnection(conn)|};
            msg.Acknowledge();
        }
        finally
        {
            _log.Info("handled");
        }
"""), Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            msg.Acknowledge();
        }
        finally
        {
            _log.Info("handled");
            _pool.ReturnConnection(conn);
        }
"""));
        }

        [Fact]
        public async Task CatchThatAlsoReleases_LosesItsCopyOfTheRelease()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            {|RACE001:_pool.ReturnConnection(conn)|};
            msg.Acknowledge();
        }
        catch (Exception)
        {
            {|RACE001:_pool.ReturnConnection(conn)|};
            msg.Nack();
            throw;
        }
"""), Code.Method("""

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
        public async Task Mirror_AcquireMovesBeforeTheTry()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        try
        {
            await {|RACE002:_gate.WaitAsync(ct)|};
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""), Code.Method("""

        await _gate.WaitAsync(ct);
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
        public async Task Mirror_ConfiguredAwait_AcquireMovesBeforeTheTryWithItsComment()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        try
        {
            // wait for a free slot
            await {|RACE002:_gate.WaitAsync(ct)|}.ConfigureAwait(false);
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""), Code.Method("""

        // wait for a free slot
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
        public async Task EarlyReturnBeforeTheTry_TryStartsRightAfterTheAcquisition()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        await {|RACE002:_gate.WaitAsync(ct)|}.ConfigureAwait(false);
        // a cached answer needs no work
        if (cache.TryGetValue(key, out var cached)) return cached;

        try
        {
            var loaded = await LoadAsync(key, ct).ConfigureAwait(false);
            cache[key] = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
""", "public async Task<int> Run(System.Collections.Generic.Dictionary<string, int> cache, string key, CancellationToken ct)",
                members: "    private static Task<int> LoadAsync(string key, CancellationToken ct) => Task.FromResult(key.Length);"),
            Code.Method("""

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // a cached answer needs no work
            if (cache.TryGetValue(key, out var cached)) return cached;

            var loaded = await LoadAsync(key, ct).ConfigureAwait(false);
            cache[key] = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
""", "public async Task<int> Run(System.Collections.Generic.Dictionary<string, int> cache, string key, CancellationToken ct)",
                members: "    private static Task<int> LoadAsync(string key, CancellationToken ct) => Task.FromResult(key.Length);"));
        }

        [Fact]
        public async Task WorkThatCanThrowBeforeTheTry_MovesIntoTheTry()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        // flush what the last caller left
        await stream.FlushAsync(ct);
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            {|RACE002:_gate.Release()|};
        }
"""),
            Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
            // flush what the last caller left
            await stream.FlushAsync(ct);
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task EarlyReturnBeforeATryWithCatches_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Code.Method("""

        await {|RACE002:_gate.WaitAsync(ct)|};
        if (msg.Id.Length == 0) return;
        try
        {
            _handler.Process(msg);
        }
        catch (InvalidOperationException)
        {
            _logger.LogWarning("not processed");
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task EarlyReturnBeforeTheTry_LocalReadAfterTheTry_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Code.Method("""

        await {|RACE002:_gate.WaitAsync(ct)|};
        var id = msg.Id;
        if (id.Length == 0) return;
        try
        {
            _handler.Process(msg);
        }
        finally
        {
            _gate.Release();
        }

        _logger.LogInformation(id);
"""));
        }

        [Fact]
        public async Task TwoLeaksInOneMethod_NestTheirFinallyBlocks()
        {
            await Verify.VerifyCodeFixAsync(Code.Method("""

        await _gate.WaitAsync(ct);
        var conn = _pool.GetConnection();
        _handler.Process(msg);
        msg.Acknowledge();
        {|RACE002:_pool.ReturnConnection(conn)|};
        {|RACE002:_gate.Release()|};
"""), Code.Method("""

        await _gate.WaitAsync(ct);
        try
        {
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
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task ConditionalRelease_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        if (msg.Id.Length > 0)
        {
            {|RACE002:_pool.ReturnConnection(conn)|};
        }
"""));
        }

        [Fact]
        public async Task AcquireAndReleaseInDifferentBlocks_GetNoFix()
        {
            await Verify.VerifyNoFixAsync(Code.Method("""

        Connection conn;
        if (msg.Id.Length > 0)
        {
            conn = _pool.GetConnection();
        }
        else
        {
            conn = _pool.GetConnection();
        }
        _handler.Process(msg);
        {|RACE002:_pool.ReturnConnection(conn)|};
"""));
        }

        [Fact]
        public async Task FixAll_RepairsEveryMethodInEveryDocument()
        {
            static string Source(string name) => Code.Usings + """

public sealed class 
""" + name + """

{
    private readonly ConnectionPool _pool = new ConnectionPool();
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

    public void First(IMessageHandler handler, Message msg)
    {
        var conn = _pool.GetConnection();
        handler.Process(msg);
        {|RACE001:_pool.ReturnConnection(conn)|};
        msg.Acknowledge();
    }

    public async Task Second(Stream stream, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        await stream.FlushAsync(ct);
        {|RACE002:_gate.Release()|};
    }
}

""";
            static string Fixed(string name) => Code.Usings + """

public sealed class 
""" + name + """

{
    private readonly ConnectionPool _pool = new ConnectionPool();
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

    public void First(IMessageHandler handler, Message msg)
    {
        var conn = _pool.GetConnection();
        try
        {
            handler.Process(msg);
            msg.Acknowledge();
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
    }

    public async Task Second(Stream stream, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await stream.FlushAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}

""";
            await Verify.VerifyCodeFixAsync(
                new[] { Source("A"), Source("B") + InHouseApis.MessageQueue },
                new[] { Fixed("A"), Fixed("B") + InHouseApis.MessageQueue });
        }
    }
}
