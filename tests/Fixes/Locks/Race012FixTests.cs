using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer, RaceAnalyzers.CodeFixes.Locks.SemaphoreForMonitorFixer>;

namespace RaceAnalyzers.Tests.Fixes.Locks
{
    /// <summary>
    /// RACE012's fix: the Monitor's private object field (or a write-only ReaderWriterLockSlim) becomes a SemaphoreSlim(1, 1) and every use of it follows
    /// (Enter, Exit, lock statements in async and sync members). No fix where the semaphore would change behaviour:
    /// re-entry, Monitor.Wait/Pulse, a lambda using the field, an Enter not followed by its try/finally.
    /// </summary>
    public sealed class Race012FixTests
    {
        [Fact]
        public Task Every_use_of_the_field_becomes_a_semaphore_wait_or_release()
            => Verify.VerifyCodeFixAsync("""
using System;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();
    private int _written;

    public async Task AppendAsync(Func<Task> write)
    {
        System.Threading.Monitor.Enter(_gate);
        try
        {
            {|#0:await|} write();
            _written++;
        }
        finally
        {
            System.Threading.Monitor.Exit(_gate);
        }
    }

    public int Written()
    {
        lock (_gate)
        {
            return _written;
        }
    }

    public async Task ResetAsync()
    {
        await Task.Yield();
        lock (this._gate)
            _written = 0;
    }
}
""", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private int _written;

    public async Task AppendAsync(Func<Task> write)
    {
        await _gate.WaitAsync();
        try
        {
            await write();
            _written++;
        }
        finally
        {
            _gate.Release();
        }
    }

    public int Written()
    {
        _gate.Wait();
        try
        {
            return _written;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ResetAsync()
    {
        await Task.Yield();
        await this._gate.WaitAsync();
        try
        {
            _written = 0;
        }
        finally
        {
            this._gate.Release();
        }
    }
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(11, 34, 11, 39).WithArguments("_gate", "Monitor.Enter", "11", "Monitor.Exit"));

        [Theory]
        [InlineData("Reentry", """
    public void Outer()
    {
        lock (_gate)
        {
            Inner();
        }
    }

    private void Inner()
    {
        lock (_gate)
        {
        }
    }
""")]
        [InlineData("Pulse", """
    public void Signal()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
""")]
        [InlineData("Lambda", """
    public Action Later() => () =>
    {
        lock (_gate)
        {
        }
    };
""")]
        public Task No_fix_where_a_semaphore_would_behave_differently(string _, string otherMembers)
            => Verify.VerifyNoFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();

    public async Task AppendAsync(Func<Task> write)
    {
        Monitor.Enter(_gate);
        try
        {
            {|#0:await|} write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

""" + otherMembers + "}\n", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(11, 17, 11, 22).WithArguments("_gate", "Monitor.Enter", "11", "Monitor.Exit"));

        [Fact]
        public Task The_wait_takes_the_cancellation_token_in_scope()
            => Verify.VerifyCodeFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();

    public async Task AppendAsync(Func<Task> write, CancellationToken ct)
    {
        Monitor.Enter(_gate);
        try
        {
            {|#0:await|} write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task AppendAsync(Func<Task> write, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await write();
        }
        finally
        {
            _gate.Release();
        }
    }
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(11, 17, 11, 22).WithArguments("_gate", "Monitor.Enter", "11", "Monitor.Exit"));

        [Fact]
        public Task The_wait_takes_a_cancellation_token_local_in_scope()
            => Verify.VerifyCodeFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();

    public async Task AppendAsync(Func<Task> write, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var token = timeout.Token;
        Monitor.Enter(_gate);
        try
        {
            {|#0:await|} write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task AppendAsync(Func<Task> write, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var token = timeout.Token;
        await _gate.WaitAsync(token);
        try
        {
            await write();
        }
        finally
        {
            _gate.Release();
        }
    }
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(13, 17, 13, 22).WithArguments("_gate", "Monitor.Enter", "13", "Monitor.Exit"));

        [Fact]
        public Task A_token_declared_after_the_take_is_not_passed()
            => Verify.VerifyCodeFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();

    public async Task AppendAsync(Func<CancellationToken, Task> write)
    {
        Monitor.Enter(_gate);
        try
        {
            var token = CancellationToken.None;
            {|#0:await|} write(token);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task AppendAsync(Func<CancellationToken, Task> write)
    {
        await _gate.WaitAsync();
        try
        {
            var token = CancellationToken.None;
            await write(token);
        }
        finally
        {
            _gate.Release();
        }
    }
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(11, 17, 11, 22).WithArguments("_gate", "Monitor.Enter", "11", "Monitor.Exit"));

        [Fact]
        public Task No_using_is_added_where_a_global_using_already_brings_the_semaphore()
            => Verify.VerifyCodeFixAsync(new[] { """
using System;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();

    public async Task AppendAsync(Func<Task> write, CancellationToken ct)
    {
        Monitor.Enter(_gate);
        try
        {
            {|#0:await|} write();
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""", "global using System.Threading;\n" }, new[] { """
using System;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task AppendAsync(Func<Task> write, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await write();
        }
        finally
        {
            _gate.Release();
        }
    }
}
""", "global using System.Threading;\n" }, null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan("/0/Test0.cs", 10, 17, 10, 22).WithArguments("_gate", "Monitor.Enter", "10", "Monitor.Exit"));

        [Fact]
        public Task A_reader_writer_lock_only_ever_write_locked_becomes_a_semaphore()
            => Verify.VerifyCodeFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Index : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
    private int _version;

    public async Task RebuildAsync(Func<Task> load)
    {
        _rw.EnterWriteLock();
        try
        {
            {|#0:await|} load();
            _version++;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
""", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Index : IDisposable
{
    private readonly SemaphoreSlim _rw = new SemaphoreSlim(1, 1);
    private int _version;

    public async Task RebuildAsync(Func<Task> load)
    {
        await _rw.WaitAsync();
        try
        {
            await load();
            _version++;
        }
        finally
        {
            _rw.Release();
        }
    }

    public void Dispose() => _rw.Dispose();
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(12, 13, 12, 27).WithArguments("_rw", "EnterWriteLock", "12", "ExitWriteLock"));

        [Fact]
        public Task A_reader_writer_lock_that_is_also_read_locked_gets_no_fix()
            => Verify.VerifyNoFixAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Index
{
    private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
    private int _version;

    public async Task RebuildAsync(Func<Task> load)
    {
        _rw.EnterWriteLock();
        try
        {
            {|#0:await|} load();
            _version++;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public int Version()
    {
        _rw.EnterReadLock();
        try
        {
            return _version;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }
}
""", null, Verify.Diagnostic("RACE012").WithLocation(0).WithSpan(12, 13, 12, 27).WithArguments("_rw", "EnterWriteLock", "12", "ExitWriteLock"));
    }
}
