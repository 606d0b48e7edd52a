using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE009 run for real: the fixer's output against ConcurrentDictionary from 16 threads. The window between
    /// the read and the write is made deterministic through the dependency each method calls (a weight, a
    /// factory), which holds every thread until all have read. Before the fix increments are lost and callers
    /// get different cached objects; after it no increment is lost and every caller gets the one stored object.
    /// The owner-checked removal runs on two threads, a disconnect and a reconnect forced into its window through
    /// the close callback: before the fix the reconnected session is dropped, after it the reconnected one stays.
    /// A write in each branch of a TryGetValue, and a check that returns the stored value or stores a new one, are
    /// held between check and write by the dictionary's own key comparer (passed in, hashing each lookup): before
    /// the fix bytes are lost and callers get different replies; after it none is lost and all get the one reply.
    /// </summary>
    public sealed class Race009ProofTests
    {
        private const int Threads = 16;

        private const string Counter = """
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

public sealed class Counter
{
    private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>();

    public int this[string key] => _counts.GetValueOrDefault(key);

    public void Add(string key, Func<string, int> weigh)
    {
        _counts[key] = _counts.GetValueOrDefault(key) + weigh(key);
    }
}

""";

        private const string LockRegistry = """
using System;
using System.Collections.Concurrent;
using System.Threading;

public sealed class LockRegistry
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _entries = new ConcurrentDictionary<string, SemaphoreSlim>();

    public SemaphoreSlim Get(string key, Func<string, SemaphoreSlim> create)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = create(key);
            _entries.TryAdd(key, entry);
        }

        return entry;
    }
}

""";

        private const string SessionRegistry = """
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

public sealed class Session
{
}

public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new ConcurrentDictionary<string, Session>();

    public void Register(string user, Session session) => _sessions[user] = session;

    public Session? Current(string user) => _sessions.TryGetValue(user, out var session) ? session : null;

    public void Disconnect(string user, Session current, Action<Session> close)
    {
        if (_sessions.TryGetValue(user, out var owner) && owner == current)
        {
            close(owner);
            _sessions.TryRemove(user, out _);
        }
    }
}

""";

        private const string Meter = """
using System.Collections.Concurrent;
using System.Collections.Generic;

public sealed class Meter
{
    private readonly ConcurrentDictionary<string, long> _bytesByTenant;

    public Meter(IEqualityComparer<string> tenants) => _bytesByTenant = new ConcurrentDictionary<string, long>(tenants);

    public long this[string tenant] => _bytesByTenant.GetValueOrDefault(tenant);

    public void AddBytes(string tenant, long bytes)
    {
        if (_bytesByTenant.TryGetValue(tenant, out var total))
        {
            _bytesByTenant[tenant] = total + bytes;
        }
        else
        {
            _bytesByTenant[tenant] = bytes;
        }
    }
}

""";

        private const string Replies = """
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

public sealed class Replies
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pendingReplies;

    public Replies(IEqualityComparer<string> ids) => _pendingReplies = new ConcurrentDictionary<string, TaskCompletionSource<string>>(ids);

    public Task<string> AwaitReply(string correlationId)
    {
        if (_pendingReplies.ContainsKey(correlationId))
        {
            return _pendingReplies[correlationId].Task;
        }

        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingReplies[correlationId] = pending;
        return pending.Task;
    }
}

""";

        [Fact]
        public async Task OwnerCheckedRemoval_DropsTheNewOwnersEntryBeforeTheFix_AndKeepsItAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(SessionRegistry);
            Assert.Contains("_sessions.TryRemove(KeyValuePair.Create(user, owner));", fixedSource);

            // Alone, both remove the caller's own session.
            Assert.False(DisconnectAlone(SessionRegistry));
            Assert.False(DisconnectAlone(fixedSource));

            // Re-targeted in between: before the fix B's new session is gone, after it B's session stays registered.
            Assert.False(NewOwnerKeptAfterDisconnectRacesReconnect(SessionRegistry));
            Assert.True(NewOwnerKeptAfterDisconnectRacesReconnect(fixedSource));
        }

        /// <summary>One thread registers a session and disconnects it. Returns whether a session is still registered.</summary>
        private static bool DisconnectAlone(string source)
        {
            var (registry, type) = NewRegistry(source);
            var session = Activator.CreateInstance(type.Assembly.GetType("Session")!)!;
            type.GetMethod("Register")!.Invoke(registry, new[] { "user-7", session });
            type.GetMethod("Disconnect")!.Invoke(registry, new object[] { "user-7", session, new Action<object>(_ => { }) });
            return type.GetMethod("Current")!.Invoke(registry, new object[] { "user-7" }) != null;
        }

        /// <summary>
        /// Thread A disconnects its session A; thread B reconnects the same user with its session B. The interleaving is
        /// forced through A's own dependency (the close callback, called between the owner check and the removal):
        /// A checks that A owns the entry, B then registers B, and only then does A remove. Returns whether B's
        /// session is what stays registered.
        /// </summary>
        private static bool NewOwnerKeptAfterDisconnectRacesReconnect(string source)
        {
            var (registry, type) = NewRegistry(source);
            var sessionType = type.Assembly.GetType("Session")!;
            var (sessionA, sessionB) = (Activator.CreateInstance(sessionType)!, Activator.CreateInstance(sessionType)!);
            type.GetMethod("Register")!.Invoke(registry, new[] { "user-7", sessionA });

            using var ownerChecked = new ManualResetEventSlim();
            using var retargeted = new ManualResetEventSlim();
            var threadA = new Thread(() => type.GetMethod("Disconnect")!.Invoke(registry, new object[]
            {
                "user-7", sessionA, new Action<object>(_ =>
                {
                    ownerChecked.Set();
                    retargeted.Wait(TimeSpan.FromSeconds(20));
                }),
            }));
            var threadB = new Thread(() =>
            {
                if (!ownerChecked.Wait(TimeSpan.FromSeconds(20)))
                {
                    return; // the check never ran: the assertion after the joins reports it
                }

                type.GetMethod("Register")!.Invoke(registry, new[] { "user-7", sessionB });
                retargeted.Set();
            });
            threadA.Start();
            threadB.Start();
            Assert.True(threadA.Join(TimeSpan.FromSeconds(30)) && threadB.Join(TimeSpan.FromSeconds(30)));
            Assert.True(ownerChecked.IsSet && retargeted.IsSet, "the interleaving did not happen");

            // (Assertions stay on the test's thread: one failing on thread A or B would end the test host.)

            return ReferenceEquals(type.GetMethod("Current")!.Invoke(registry, new object[] { "user-7" }), sessionB);
        }

        private static (object Registry, Type Type) NewRegistry(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("SessionRegistry")!;
            return (Activator.CreateInstance(type)!, type);
        }

        [Fact]
        public async Task Counter_LosesIncrementsBeforeTheFix_AndNoneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Counter);
            Assert.Contains("AddOrUpdate", fixedSource);

            Assert.Equal(1, Count(Counter));
            Assert.Equal(Threads, Count(fixedSource));
        }

        [Fact]
        public async Task PerKeyLocks_HandsOutDifferentSemaphoresBeforeTheFix_AndOneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(LockRegistry);
            Assert.Contains("GetOrAdd", fixedSource);

            Assert.Equal(Threads, DistinctObjectsHandedOut(LockRegistry));
            Assert.Equal(1, DistinctObjectsHandedOut(fixedSource));
        }

        [Fact]
        public async Task AddInEachBranch_LosesBytesBeforeTheFix_AndNoneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Meter);
            Assert.Contains("_bytesByTenant.AddOrUpdate(tenant, bytes, (_, total) => total + bytes);", fixedSource);

            Assert.Equal(1L, BytesMetered(Meter));
            Assert.Equal((long)Threads, BytesMetered(fixedSource));
        }

        [Fact]
        public async Task ReturnStoredElseStoreNew_HandsOutDifferentRepliesBeforeTheFix_AndOneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Replies);
            Assert.Contains("var pending = _pendingReplies.GetOrAdd(correlationId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));", fixedSource);

            Assert.Equal(Threads, DistinctRepliesHandedOut(Replies));
            Assert.Equal(1, DistinctRepliesHandedOut(fixedSource));
        }

        /// <summary>16 threads meter 1 byte for one tenant; the tenants' comparer holds the write until every thread has read. Returns the bytes metered.</summary>
        private static long BytesMetered(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("Meter")!;
            var meter = Activator.CreateInstance(type, new SecondHashingGate(Threads))!;
            var add = type.GetMethod("AddBytes")!;
            RunOnThreads(() => add.Invoke(meter, new object[] { "tenant-3", 1L }));
            return (long)type.GetProperty("Item")!.GetValue(meter, new object[] { "tenant-3" })!;
        }

        /// <summary>16 threads await the reply to one id; the ids' comparer holds the store until every thread has checked. Returns how many different tasks they got.</summary>
        private static int DistinctRepliesHandedOut(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("Replies")!;
            var replies = Activator.CreateInstance(type, new SecondHashingGate(Threads))!;
            var awaitReply = type.GetMethod("AwaitReply")!;
            var handedOut = new ConcurrentBag<object>();
            RunOnThreads(() => handedOut.Add(awaitReply.Invoke(replies, new object[] { "reply-9" })!));
            return handedOut.Distinct().Count();
        }

        /// <summary>16 threads add 1 to one key; the weight holds each until all have asked for it. Returns the count.</summary>
        private static int Count(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("Counter")!;
            var counter = Activator.CreateInstance(type)!;
            var add = type.GetMethod("Add")!;
            var allArrived = new OneShotGate(Threads);
            RunOnThreads(() => add.Invoke(counter, new object[] { "sku-42", new Func<string, int>(_ => allArrived.ArriveAndWait(1)) }));
            return (int)type.GetProperty("Item")!.GetValue(counter, new object[] { "sku-42" })!;
        }

        /// <summary>16 threads get the lock for one key; the factory holds each until all have missed. Returns how many different semaphores they got.</summary>
        private static int DistinctObjectsHandedOut(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("LockRegistry")!;
            var cache = Activator.CreateInstance(type)!;
            var get = type.GetMethod("Get")!;
            var allMissed = new OneShotGate(Threads);
            var handedOut = new ConcurrentBag<object>();
            RunOnThreads(() => handedOut.Add(get.Invoke(cache, new object[] { "session-7", new Func<string, SemaphoreSlim>(_ => allMissed.ArriveAndWait(new SemaphoreSlim(1, 1))) })!));
            return handedOut.Distinct().Count();
        }

        private static void RunOnThreads(Action action)
        {
            var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() => action())).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));
        }

        /// <summary>Holds callers until <c>count</c> have arrived (five seconds at most), then lets everyone through, later callers at once.</summary>
        private sealed class OneShotGate
        {
            private readonly CountdownEvent _arrived;

            public OneShotGate(int count) => _arrived = new CountdownEvent(count);

            public T ArriveAndWait<T>(T value)
            {
                if (!_arrived.IsSet)
                {
                    _arrived.Signal();
                }

                _arrived.Wait(TimeSpan.FromSeconds(5));
                return value;
            }
        }

        /// <summary>
        /// The dictionary's key comparer, the dependency the code's dictionary calls on every lookup: a thread's
        /// second hashing of a key (the write after a check, whose lookup has finished) waits until <c>count</c>
        /// threads have reached theirs (five seconds at most). One atomic call hashes once and is never held.
        /// </summary>
        private sealed class SecondHashingGate : IEqualityComparer<string>
        {
            private readonly ThreadLocal<int> _hashings = new ThreadLocal<int>();
            private readonly CountdownEvent _atWrite;

            public SecondHashingGate(int count) => _atWrite = new CountdownEvent(count);

            public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

            public int GetHashCode(string key)
            {
                if (++_hashings.Value == 2 && !_atWrite.IsSet)
                {
                    _atWrite.Signal();
                    _atWrite.Wait(TimeSpan.FromSeconds(5));
                }

                return StringComparer.Ordinal.GetHashCode(key);
            }
        }
    }
}
