using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;
using VerifyFix = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer, RaceAnalyzers.CodeFixes.Pools.MoveIntoFinallyFixer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002 for a semaphore handed to the caller inside a releaser object (web-xforge before 878bc14): the method
    /// waits, does work that can throw, then returns <c>new AccessLock(semaphore, …)</c>, whose disposal releases what
    /// its constructor stored. An exception before the hand-off leaves the semaphore taken for good. Quiet: nothing
    /// that can throw before the hand-off, a catch that releases and rethrows, an object that does not release what it
    /// is given, a method that releases on its own normal path.
    /// </summary>
    public sealed class Race002ThrowBeforeHandOffTests
    {
        private static string Service(string body, string members = "") => """
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

public interface ISecrets
{
    Task<string?> FindAsync(string userId);
}

public abstract class DisposableBase : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        DisposeManagedResources();
    }

    protected abstract void DisposeManagedResources();
}

public sealed class AccessLock : DisposableBase
{
    private SemaphoreSlim _semaphore;

    public AccessLock(SemaphoreSlim semaphore, string secret)
    {
        _semaphore = semaphore;
        Secret = secret;
    }

    public string Secret { get; }

    protected override void DisposeManagedResources() => _semaphore.Release();
}

public sealed class Holder
{
    public Holder(SemaphoreSlim semaphore, string secret) => Semaphore = semaphore;

    public SemaphoreSlim Semaphore { get; }
}

public sealed class AccessService
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _semaphores = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ISecrets _secrets;

    public AccessService(ISecrets secrets) => _secrets = secrets;

""" + body + """

""" + members + """
}
""";

        [Fact]
        public async Task LookupThatCanThrow_BetweenTheWaitAndTheReleaser_IsFlaggedAtTheWait()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId)
    {
        SemaphoreSlim semaphore = _semaphores.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await {|#0:semaphore.WaitAsync()|};
        string? secret = {|#1:await _secrets.FindAsync(userId)|};
        return new AccessLock(semaphore, secret ?? string.Empty);
    }
"""),
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments(
                    "semaphore", "semaphore.WaitAsync()", "new AccessLock(semaphore, secret ?? string.Empty)", "60", "await _secrets.FindAsync(userId)", "59"));
        }

        [Fact]
        public async Task ThrowStatementBeforeTheHandOff_OfAFieldSemaphore_ThroughConfigureAwait_IsFlaggedAtTheWaitAndTheThrow()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId, CancellationToken ct)
    {
        await {|#0:_gate.WaitAsync(ct)|}.ConfigureAwait(false);
        if (userId.Length == 0)
        {
            {|#1:throw new ArgumentException("no user", nameof(userId));|}
        }

        return new AccessLock(_gate, userId);
    }
"""),
                Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments(
                    "_gate", "_gate.WaitAsync(ct)", "new AccessLock(_gate, userId)", "63", "throw new ArgumentException(\"no user\", nameof(userId))", "60"));
        }

        [Fact]
        public async Task ValidationCallBeforeTheHandOff_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId, CancellationToken ct)
    {
        await {|RACE002:_gate.WaitAsync(ct)|};
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new AccessLock(_gate, userId);
    }
"""));
        }

        [Fact]
        public async Task HandOffRightAfterTheWait_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new AccessLock(_gate, userId);
    }
"""));
        }

        [Fact]
        public async Task CatchThatReleasesAndRethrows_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId)
    {
        SemaphoreSlim semaphore = _semaphores.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync();
        try
        {
            string? secret = await _secrets.FindAsync(userId);
            return new AccessLock(semaphore, secret ?? string.Empty);
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }
"""));
        }

        [Fact]
        public async Task ObjectThatDoesNotReleaseWhatItIsGiven_IsNoHandOff()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<Holder> HoldAsync(string userId)
    {
        await _gate.WaitAsync();
        string? secret = await _secrets.FindAsync(userId);
        return new Holder(_gate, secret ?? string.Empty);
    }
"""));
        }

        [Fact]
        public async Task MethodThatReleasesOnItsOwnPath_IsNotThisForm()
        {
            await Verify.VerifyAnalyzerAsync(Service("""
    public async Task<string> ReadAsync(string userId)
    {
        await _gate.WaitAsync();
        try
        {
            string? secret = await _secrets.FindAsync(userId);
            using var access = new AccessLock(new SemaphoreSlim(0, 1), secret ?? string.Empty);
            return access.Secret;
        }
        finally
        {
            _gate.Release();
        }
    }
"""));
        }

        [Fact]
        public async Task ThrowBeforeTheHandOff_GetsNoFix()
        {
            await VerifyFix.VerifyNoFixAsync(Service("""
    public async Task<AccessLock> LockAsync(string userId)
    {
        await {|RACE002:_gate.WaitAsync()|};
        string? secret = await _secrets.FindAsync(userId);
        return new AccessLock(_gate, secret ?? string.Empty);
    }
"""));
        }
    }
}
