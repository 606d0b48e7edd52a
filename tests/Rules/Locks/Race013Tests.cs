using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// RACE013 on both sides: a one-slot semaphore awaited again (directly or through a call on this instance),
    /// a no-recursion reader/writer lock's read-to-write and write-to-write, a spin lock re-entered; re-entrant
    /// locks, recursion-enabled and upgradeable reader/writer locks, other instances, counting semaphores and
    /// waits after the release are not.
    /// </summary>
    public sealed class Race013Tests
    {
        private const string Usings = """
using System;
using System.Threading;
using System.Threading.Tasks;

""";

        [Fact]
        public Task A_one_slot_semaphore_awaited_again_is_flagged_at_the_second_wait()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Cache
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RefreshAsync()
    {
        await _gate.{|#1:WaitAsync|}();
        try
        {
            await _gate.{|#0:WaitAsync|}();
            _gate.Release();
        }
        finally
        {
            _gate.Release();
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_gate", "WaitAsync", "WaitAsync", "10", "", "a SemaphoreSlim(1, 1) has one slot and no owner, so this wait waits for itself forever"));

        [Fact]
        public Task A_call_on_this_instance_that_waits_again_is_flagged_at_the_call()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Cache
{
    private readonly SemaphoreSlim _gate;

    public Cache() => _gate = new SemaphoreSlim(1, 1);

    public async Task RefreshAsync()
    {
        await _gate.{|#1:WaitAsync|}();
        try
        {
            await {|#0:SaveAsync|}();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await Task.Yield();
        }
        finally
        {
            _gate.Release();
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_gate", "WaitAsync", "WaitAsync", "12", " (through 'SaveAsync')", "a SemaphoreSlim(1, 1) has one slot and no owner, so this wait waits for itself forever"));

        [Fact]
        public Task Reader_writer_upgrades_and_second_writes_without_recursion_are_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Table
{
    private readonly ReaderWriterLockSlim _rw = new();

    public void Upgrade()
    {
        _rw.{|#1:EnterReadLock|}();
        try
        {
            _rw.{|#0:EnterWriteLock|}();
            _rw.ExitWriteLock();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Write()
    {
        _rw.{|#3:EnterWriteLock|}();
        try
        {
            {|#2:Store|}();
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    private void Store()
    {
        _rw.EnterWriteLock();
        _rw.ExitWriteLock();
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_rw", "EnterWriteLock", "EnterReadLock", "10", "", "a ReaderWriterLockSlim never lets a read-lock holder take the write or upgradeable lock: LockRecursionException in every recursion policy"),
                Verify.Diagnostic("RACE013").WithLocation(2).WithLocation(3).WithArguments(
                    "_rw", "EnterWriteLock", "EnterWriteLock", "24", " (through 'Store')", "a ReaderWriterLockSlim made without LockRecursionPolicy.SupportsRecursion throws LockRecursionException here"));

        [Fact]
        public Task Reentries_that_throw_in_every_policy_or_can_only_time_out_are_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Table
{
    private readonly ReaderWriterLockSlim _recursive = new(LockRecursionPolicy.SupportsRecursion);
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void ReadThenWrite()
    {
        _recursive.{|#1:EnterReadLock|}();
        try
        {
            _recursive.{|#0:EnterWriteLock|}();
            _recursive.ExitWriteLock();
        }
        finally
        {
            _recursive.ExitReadLock();
        }
    }

    public void ReadTwice()
    {
        _rw.{|#3:EnterReadLock|}();
        try
        {
            _rw.{|#2:EnterReadLock|}();
            _rw.ExitReadLock();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public async Task TimedAsync()
    {
        await _gate.{|#5:WaitAsync|}();
        try
        {
            if (await _gate.{|#4:WaitAsync|}(TimeSpan.FromSeconds(1)))
            {
                _gate.Release();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "_recursive", "EnterWriteLock", "EnterReadLock", "12", "", "a ReaderWriterLockSlim never lets a read-lock holder take the write or upgradeable lock: LockRecursionException in every recursion policy"),
                Verify.Diagnostic("RACE013").WithLocation(2).WithLocation(3).WithArguments(
                    "_rw", "EnterReadLock", "EnterReadLock", "26", "", "a ReaderWriterLockSlim made without LockRecursionPolicy.SupportsRecursion throws LockRecursionException here"),
                Verify.Diagnostic("RACE013").WithLocation(4).WithLocation(5).WithArguments(
                    "_gate", "WaitAsync", "WaitAsync", "40", "", "a SemaphoreSlim(1, 1) has one slot and no owner, so this timed wait can only time out"));

        [Fact]
        public Task Reentrant_locks_recursion_upgradeable_reads_other_instances_counters_and_waits_after_release_are_not_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public sealed class Table
{
    private readonly object _sync = new();
    private readonly ReaderWriterLockSlim _recursive = new(LockRecursionPolicy.SupportsRecursion);
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _slots = new(2, 2);
    private readonly Table? _next;

    public Table(Table? next) => _next = next;

    public void Monitors()
    {
        lock (_sync)
        {
            Inner();
        }
    }

    private void Inner()
    {
        lock (_sync)
        {
        }
    }

    public void Recursive()
    {
        _recursive.EnterWriteLock();
        try
        {
            _recursive.EnterWriteLock();
            _recursive.ExitWriteLock();
            _recursive.EnterReadLock();
            _recursive.ExitReadLock();
        }
        finally
        {
            _recursive.ExitWriteLock();
        }

        _recursive.EnterReadLock();
        try
        {
            _recursive.EnterReadLock();
            _recursive.ExitReadLock();
        }
        finally
        {
            _recursive.ExitReadLock();
        }
    }

    public void Downgrade()
    {
        _rw.EnterUpgradeableReadLock();
        try
        {
            _rw.EnterReadLock();
            _rw.ExitReadLock();
        }
        finally
        {
            _rw.ExitUpgradeableReadLock();
        }
    }

    public void Upgradeable()
    {
        _rw.EnterUpgradeableReadLock();
        try
        {
            _rw.EnterWriteLock();
            _rw.ExitWriteLock();
        }
        finally
        {
            _rw.ExitUpgradeableReadLock();
        }
    }

    public async Task ChainAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_next != null)
            {
                await _next.ChainAsync();
            }
        }
        finally
        {
            _gate.Release();
        }

        await _gate.WaitAsync();
        _gate.Release();
    }

    public async Task CountAsync()
    {
        await _slots.WaitAsync();
        try
        {
            await _slots.WaitAsync();
            _slots.Release();
        }
        finally
        {
            _slots.Release();
        }
    }
}
""");

        [Fact]
        public Task A_virtual_call_on_this_whose_override_waits_again_is_flagged()
            => Verify.VerifyAnalyzerAsync(Usings + """
public abstract class Store
{
    protected readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);

    public async Task SaveAsync()
    {
        await Gate.{|#1:WaitAsync|}();
        try
        {
            await {|#0:WriteAsync|}();
        }
        finally
        {
            Gate.Release();
        }
    }

    protected abstract Task WriteAsync();
}

public sealed class FileStore : Store
{
    protected override async Task WriteAsync()
    {
        await Gate.WaitAsync();
        Gate.Release();
    }
}
""",
                Verify.Diagnostic("RACE013").WithLocation(0).WithLocation(1).WithArguments(
                    "Gate", "WaitAsync", "WaitAsync", "10", " (through 'WriteAsync')", "a SemaphoreSlim(1, 1) has one slot and no owner, so this wait waits for itself forever"));
    }
}
