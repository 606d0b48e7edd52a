using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// RACE011 on both sides: cycles within a class, across classes through an interface, of three locks, of one
    /// parameter type with itself (the transfer), and of every lock kind; consistent orders, ordered transfers,
    /// readers, counting semaphores, timed tries and re-entry are not cycles.
    /// </summary>
    public sealed class Race011Tests
    {
        /// <summary>One RACE011 per step of a cycle, at its marker, with the other steps' markers (in cycle order) as additional locations.</summary>
        private static DiagnosticResult[] Cycle(string names, string steps, params int[] markers)
            => markers.Select(marker => markers.Where(other => other != marker)
                    .Aggregate(Verify.Diagnostic("RACE011").WithLocation(marker), (result, other) => result.WithLocation(other))
                    .WithArguments(names, steps))
                .ToArray();

        [Fact]
        public Task Two_methods_taking_two_fields_in_opposite_orders_are_a_cycle()
            => Verify.VerifyAnalyzerAsync("""
public sealed class OrderBook
{
    private readonly object _asks = new();
    private readonly object _bids = new();

    public void Match()
    {
        lock (_asks)
        {
            {|#0:lock|} (_bids)
            {
            }
        }
    }

    public void Cancel()
    {
        lock (_bids)
        {
            {|#1:lock|} (_asks)
            {
            }
        }
    }
}
""",
                Cycle("_asks → _bids → _asks", "'OrderBook.Match' takes _bids while holding _asks (Test0.cs:10); 'OrderBook.Cancel' takes _asks while holding _bids (Test0.cs:20)", 0, 1));

        [Fact]
        public Task The_same_order_everywhere_is_not_a_cycle()
            => Verify.VerifyAnalyzerAsync("""
public sealed class OrderBook
{
    private readonly object _asks = new();
    private readonly object _bids = new();

    public void Match()
    {
        lock (_asks)
        {
            lock (_bids)
            {
            }
        }
    }

    public void Cancel()
    {
        lock (_asks)
        {
            lock (_bids)
            {
            }
        }

        lock (_bids)
        {
        }
    }
}
""");

        [Fact]
        public Task A_cycle_across_classes_through_an_interface_call_is_found_at_both_calls()
            => Verify.VerifyAnalyzerAsync("""
public interface ILedger
{
    void Post();
}

public sealed class Ledger : ILedger
{
    private readonly object _entries = new();
    private readonly Book _book;

    public Ledger(Book book) => _book = book;

    public void Post()
    {
        lock (_entries)
        {
        }
    }

    public void Audit()
    {
        lock (_entries)
        {
            _book.{|#1:Snapshot|}();
        }
    }
}

public sealed class Book
{
    private readonly object _levels = new();
    private readonly ILedger _ledger;

    public Book(ILedger ledger) => _ledger = ledger;

    public void Match()
    {
        lock (_levels)
        {
            _ledger.{|#0:Post|}();
        }
    }

    public void Snapshot()
    {
        lock (_levels)
        {
        }
    }
}
""",
                Cycle("_levels → _entries → _levels", "'Book.Match' takes _entries through 'Ledger.Post' while holding _levels (Test0.cs:40); 'Ledger.Audit' takes _levels through 'Book.Snapshot' while holding _entries (Test0.cs:24)", 0, 1));

        [Fact]
        public Task Three_locks_taken_around_a_ring_are_a_cycle()
            => Verify.VerifyAnalyzerAsync("""
using System.Threading;

public sealed class Broker
{
    private static readonly object Raft = new();
    private readonly SemaphoreSlim _pending = new(1, 1);
    private readonly ReaderWriterLockSlim _heartbeats = new();

    public void Step()
    {
        lock (Raft)
        {
            _pending.{|#0:Wait|}();
            _pending.Release();
        }
    }

    public void Flush()
    {
        _pending.Wait();
        try
        {
            _heartbeats.{|#1:EnterWriteLock|}();
            _heartbeats.ExitWriteLock();
        }
        finally
        {
            _pending.Release();
        }
    }

    public void Beat()
    {
        _heartbeats.EnterUpgradeableReadLock();
        try
        {
            Monitor.{|#2:Enter|}(Raft);
            Monitor.Exit(Raft);
        }
        finally
        {
            _heartbeats.ExitUpgradeableReadLock();
        }
    }
}
""",
                Cycle("Raft → _pending → _heartbeats → Raft", "'Broker.Step' takes _pending while holding Raft (Test0.cs:13); 'Broker.Flush' takes _heartbeats while holding _pending (Test0.cs:23); 'Broker.Beat' takes Raft while holding _heartbeats (Test0.cs:37)", 0, 1, 2));

        [Fact]
        public Task Locking_two_parameters_of_one_type_in_argument_order_is_a_cycle_with_itself()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Account
{
    public int Id { get; init; }
    public decimal Balance { get; set; }
}

public static class Bank
{
    public static void Transfer(Account from, Account to, decimal amount)
    {
        lock (from)
        {
            {|#0:lock|} (to)
            {
                from.Balance -= amount;
                to.Balance += amount;
            }
        }
    }
}
""",
                Cycle("from → to", "'Bank.Transfer' takes to while holding from (Test0.cs:13), and a call with the arguments the other way round takes them in the opposite order", 0));

        [Fact]
        public Task A_transfer_that_orders_its_locks_by_id_is_not_a_cycle()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Account
{
    public int Id { get; init; }
    public readonly object Sync = new();
    public decimal Balance { get; set; }
}

public static class Bank
{
    public static void Transfer(Account from, Account to, decimal amount)
    {
        if (from.Id < to.Id)
        {
            lock (from.Sync)
            {
                lock (to.Sync)
                {
                    Move(from, to, amount);
                }
            }
        }
        else
        {
            lock (to.Sync)
            {
                lock (from.Sync)
                {
                    Move(from, to, amount);
                }
            }
        }
    }

    public static void TransferByOrderedLocals(Account from, Account to, decimal amount)
    {
        var first = from.Id < to.Id ? from : to;
        var second = first == from ? to : from;
        lock (first)
        {
            lock (second)
            {
                Move(from, to, amount);
            }
        }
    }

    private static void Move(Account from, Account to, decimal amount)
    {
        from.Balance -= amount;
        to.Balance += amount;
    }
}
""");

        [Fact]
        public Task Fields_reached_through_two_parameters_are_a_transfer_cycle()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Account
{
    public readonly object Sync = new();
    public decimal Balance { get; set; }
}

public static class Bank
{
    public static void Transfer(Account from, Account to, decimal amount)
    {
        lock (from.Sync)
        {
            {|#0:lock|} (to.Sync)
            {
                from.Balance -= amount;
                to.Balance += amount;
            }
        }
    }
}
""",
                Cycle("from.Sync → to.Sync", "'Bank.Transfer' takes to.Sync while holding from.Sync (Test0.cs:13), and a call with the arguments the other way round takes them in the opposite order", 0));

        [Fact]
        public Task Readers_semaphores_with_many_slots_timed_tries_and_reentry_are_not_cycles()
            => Verify.VerifyAnalyzerAsync("""
using System;
using System.Threading;

public sealed class Cache
{
    private readonly ReaderWriterLockSlim _left = new();
    private readonly ReaderWriterLockSlim _right = new();
    private readonly SemaphoreSlim _slots = new(4, 4);
    private readonly SemaphoreSlim _other = new(4, 4);
    private readonly object _a = new();
    private readonly object _b = new();

    public void ReadLeftThenRight()
    {
        _left.EnterReadLock();
        try
        {
            _right.EnterReadLock();
            _right.ExitReadLock();
        }
        finally
        {
            _left.ExitReadLock();
        }
    }

    public void ReadRightThenLeft()
    {
        _right.EnterReadLock();
        try
        {
            _left.EnterReadLock();
            _left.ExitReadLock();
        }
        finally
        {
            _right.ExitReadLock();
        }
    }

    public void CountedOne()
    {
        _slots.Wait();
        try
        {
            _other.Wait();
            _other.Release();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void CountedTwo()
    {
        _other.Wait();
        try
        {
            _slots.Wait();
            _slots.Release();
        }
        finally
        {
            _other.Release();
        }
    }

    public void TimedOne()
    {
        lock (_a)
        {
            if (Monitor.TryEnter(_b, TimeSpan.FromSeconds(1)))
            {
                Monitor.Exit(_b);
            }
        }
    }

    public void TimedTwo()
    {
        lock (_b)
        {
            if (Monitor.TryEnter(_a, 100))
            {
                Monitor.Exit(_a);
            }
        }
    }

    public void Reentrant()
    {
        lock (_a)
        {
            lock (_a)
            {
            }
        }
    }

    public void ReleasedBeforeTheNext()
    {
        Monitor.Enter(_b);
        Monitor.Exit(_b);
        lock (_a)
        {
        }
    }
}
""");

        [Fact]
        public Task Configured_lock_methods_take_part_in_cycles()
            => Verify.VerifyAnalyzerAsync("""
using System;
using System.Threading.Tasks;

namespace Infra
{
    public sealed class KeyedGate
    {
        public Task<IDisposable> HoldAsync() => Task.FromResult<IDisposable>(null!);
    }

    public sealed class Books
    {
        private readonly KeyedGate _orders = new();
        private readonly KeyedGate _stock = new();

        public async Task ReserveAsync()
        {
            using (await _orders.HoldAsync())
            {
                using (await _stock.{|#0:HoldAsync|}())
                {
                }
            }
        }

        public async Task RestockAsync()
        {
            using (await _stock.HoldAsync())
            {
                using (await _orders.{|#1:HoldAsync|}())
                {
                }
            }
        }
    }
}
""",
                "race_analyzers.lock_methods = Infra.KeyedGate.HoldAsync\n",
                Cycle("_orders → _stock → _orders", "'Books.ReserveAsync' takes _stock while holding _orders (Test0.cs:20); 'Books.RestockAsync' takes _orders while holding _stock (Test0.cs:30)", 0, 1));

        /// <summary>
        /// The logging-library shape (seen in an open-source logger): a wrapper target holds its own lock and writes
        /// to the target it wraps, whose write takes that target's lock; the base class holds its lock while it calls
        /// the wrapper's override. A cycle only if a target wrapped itself: not reported.
        /// </summary>
        [Fact]
        public Task A_wrapper_calling_the_target_it_wraps_is_not_a_cycle()
            => Verify.VerifyAnalyzerAsync("""
public abstract class Target
{
    protected readonly object SyncRoot = new();

    public void WriteSafe(string entry)
    {
        lock (SyncRoot)
        {
            Write(entry);
        }
    }

    protected abstract void Write(string entry);
}

public sealed class BufferingWrapper : Target
{
    private readonly object _buffer = new();
    private readonly Target _wrapped;

    public BufferingWrapper(Target wrapped) => _wrapped = wrapped;

    protected override void Write(string entry)
    {
        lock (_buffer)
        {
            _wrapped.WriteSafe(entry);
        }
    }
}
""");

        [Fact]
        public Task A_cycle_through_a_static_lock_and_another_object_is_found()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Session
{
    private static readonly object Registry = new();
    private readonly object _state = new();

    public static void Sweep(Session other)
    {
        lock (Registry)
        {
            other.{|#0:Touch|}();
        }
    }

    public void Touch()
    {
        lock (_state)
        {
        }
    }

    public void Close()
    {
        lock (_state)
        {
            {|#1:lock|} (Registry)
            {
            }
        }
    }
}
""",
                Cycle("Registry → _state → Registry", "'Session.Sweep' takes _state through 'Session.Touch' while holding Registry (Test0.cs:10); 'Session.Close' takes Registry while holding _state (Test0.cs:25)", 0, 1));
    }
}
