using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// RACE012 on both sides: Monitor, ReaderWriterLockSlim, Mutex and SpinLock held across an await are flagged
    /// at the first await (ConfigureAwait(false) too); semaphores, async locks, awaits outside the hold (also on
    /// the branch where a TryEnter failed) and awaits in lambdas that run elsewhere are not.
    /// </summary>
    public sealed class Race012Tests
    {
        private const string Usings = """
using System;
using System.Threading;
using System.Threading.Tasks;

""";

        [Fact]
        public Task Monitor_entered_before_an_await_is_flagged_at_the_first_await()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Journal
{
    private readonly object _gate = new();

    public async Task AppendAsync(Func<Task> write)
    {
        Monitor.{|#1:Enter|}(_gate);
        try
        {
            {|#0:await|} write().ConfigureAwait(false);
            await write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""",
                Verify.Diagnostic("RACE012").WithLocation(0).WithLocation(1).WithArguments("_gate", "Monitor.Enter", "10", "Monitor.Exit"));

        [Fact]
        public Task Reader_writer_locks_mutexes_and_spin_locks_held_across_await_are_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Store
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly Mutex _mutex = new();
    private SpinLock _spin = new(false);

    public async Task WriteAsync(Func<Task> io)
    {
        _rw.{|#1:EnterWriteLock|}();
        try
        {
            {|#0:await|} io();
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public async Task GuardAsync(Func<Task> io)
    {
        _mutex.{|#3:WaitOne|}();
        try
        {
            {|#2:await|} io();
        }
        finally
        {
            _mutex.ReleaseMutex();
        }
    }

    public async Task SpinAsync(Func<Task> io)
    {
        var taken = false;
        _spin.{|#5:Enter|}(ref taken);
        try
        {
            {|#4:await|} io();
        }
        finally
        {
            if (taken)
            {
                _spin.Exit();
            }
        }
    }
}
""",
                Verify.Diagnostic("RACE012").WithLocation(0).WithLocation(1).WithArguments("_rw", "EnterWriteLock", "12", "ExitWriteLock"),
                Verify.Diagnostic("RACE012").WithLocation(2).WithLocation(3).WithArguments("_mutex", "WaitOne", "25", "ReleaseMutex"),
                Verify.Diagnostic("RACE012").WithLocation(4).WithLocation(5).WithArguments("_spin", "Enter", "39", "Exit"));

        [Fact]
        public Task Semaphores_async_locks_awaits_outside_the_hold_and_lambdas_are_not_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Releaser : IDisposable
{
    public void Dispose()
    {
    }
}

public sealed class AsyncLock
{
    public Task<Releaser> LockAsync() => Task.FromResult(new Releaser());
}

public sealed class Journal
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly AsyncLock _asyncLock = new();
    private Task _pending = Task.CompletedTask;

    public async Task SemaphoreAsync(Func<Task> write)
    {
        await _semaphore.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public async Task AsyncLockAsync(Func<Task> write)
    {
        using (await _asyncLock.LockAsync())
        {
            await write();
        }
    }

    public async Task OutsideAsync(Func<Task> write)
    {
        await write();
        Monitor.Enter(_gate);
        try
        {
            _pending = write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }

        await _pending;
    }

    public async Task TryOrLaterAsync(Func<Task> write)
    {
        if (!Monitor.TryEnter(_gate))
        {
            await write();
            return;
        }

        try
        {
            _pending = write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public void Lambda(Func<Task> write)
    {
        lock (_gate)
        {
            _pending = Task.Run(async () => await write());
        }
    }
}
""");
    }
}
