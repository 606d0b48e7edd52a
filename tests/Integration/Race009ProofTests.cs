using System;
using System.Collections.Concurrent;
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
    }
}
