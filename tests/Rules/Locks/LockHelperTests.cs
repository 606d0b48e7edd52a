using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// Locks taken by the project's own helpers (the engine's hand-offs): a method that enters a lock and returns a
    /// releaser, or an Acquire()/Release() pair, holds the lock in its caller as if taken there — seen in a real
    /// fixed bug (a Monitor entered by an operation-scope helper, awaited under in the caller). Helpers that take and
    /// give back inside, and helpers over a semaphore, are quiet.
    /// </summary>
    public sealed class LockHelperTests
    {
        private const string Usings = """
using System;
using System.Threading;
using System.Threading.Tasks;

""";

        private const string Scope = """
public sealed class Store
{
    private readonly object _sync = new();
    private readonly ReaderWriterLockSlim _rw = new();

    public IDisposable EnterScope()
    {
        Monitor.Enter(_sync);
        return new Releaser(_sync);
    }

    public WriteScope EnterWrite()
    {
        _rw.EnterWriteLock();
        return new WriteScope(_rw);
    }

    public void Acquire() => Monitor.Enter(_sync);

    public void Release() => Monitor.Exit(_sync);

    public void Touch()
    {
        lock (_sync)
        {
        }
    }

    private sealed class Releaser : IDisposable
    {
        private readonly object _gate;
        public Releaser(object gate) => _gate = gate;
        public void Dispose() => Monitor.Exit(_gate);
    }
}

public readonly struct WriteScope : IDisposable
{
    private readonly ReaderWriterLockSlim _rw;
    public WriteScope(ReaderWriterLockSlim rw) => _rw = rw;
    public void Dispose() => _rw.ExitWriteLock();
}

""";

        [Fact]
        public Task A_monitor_entered_by_a_helper_that_returns_a_releaser_is_held_across_the_await()
            => Verify.VerifyAnalyzerAsync(Usings + Scope + """
public sealed class Client
{
    private readonly Store _store = new();

    public async Task SaveAsync(Func<Task> write)
    {
        using (_store.{|#1:EnterScope|}())
        {
            {|#0:await|} write();
        }
    }
}
""",
                Verify.Diagnostic("RACE012").WithLocation(0).WithLocation(1).WithArguments("_sync", "EnterScope", "52", "Monitor.Exit"));

        [Fact]
        public Task A_write_lock_taken_by_a_struct_releaser_helper_is_held_across_the_await()
            => Verify.VerifyAnalyzerAsync(Usings + Scope + """
public sealed class Client
{
    private readonly Store _store = new();

    public async Task SaveAsync(Func<Task> write)
    {
        using var scope = _store.{|#1:EnterWrite|}();
        {|#0:await|} write();
    }
}
""",
                Verify.Diagnostic("RACE012").WithLocation(0).WithLocation(1).WithArguments("_rw", "EnterWrite", "52", "ExitWriteLock"));

        [Fact]
        public Task An_acquire_release_pair_holds_the_lock_between_the_calls()
            => Verify.VerifyAnalyzerAsync(Usings + Scope + """
public sealed class Client
{
    private readonly Store _store = new();

    public async Task SaveAsync(Func<Task> write)
    {
        _store.{|#1:Acquire|}();
        try
        {
            {|#0:await|} write();
        }
        finally
        {
            _store.Release();
        }

        await write();
    }
}
""",
                Verify.Diagnostic("RACE012").WithLocation(0).WithLocation(1).WithArguments("_sync", "Acquire", "52", "Monitor.Exit"));

        [Fact]
        public Task Helpers_that_give_the_lock_back_inside_or_before_the_await_are_quiet()
            => Verify.VerifyAnalyzerAsync(Usings + Scope + """
public sealed class Client
{
    private readonly Store _store = new();

    public async Task SaveAsync(Func<Task> write)
    {
        _store.Touch();
        await write();
        using (_store.EnterScope())
        {
            Console.WriteLine("held, not awaited");
        }

        await write();
        _store.Acquire();
        _store.Release();
        await write();
    }
}
""");

        [Fact]
        public Task A_semaphore_helper_is_not_thread_owned()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Gate
{
    private readonly SemaphoreSlim _slot = new(1, 1);

    public async Task<IDisposable> EnterAsync()
    {
        await _slot.WaitAsync();
        return new Releaser(_slot);
    }

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _slot;
        public Releaser(SemaphoreSlim slot) => _slot = slot;
        public void Dispose() => _slot.Release();
    }
}

public sealed class Client
{
    private readonly Gate _gate = new();

    public async Task SaveAsync(Func<Task> write)
    {
        using (await _gate.EnterAsync())
        {
            await write();
        }
    }
}
""");
    }
}
