using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.ObjectPool;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE001 and RACE002 run for real: the fixer's output against Microsoft.Extensions.ObjectPool and
    /// SemaphoreSlim from many concurrent tasks (the pool and the lock are the shared resources; no server is
    /// involved). Before the fix a pooled buffer is used after another task took it over, and one failure leaves
    /// a lock held forever; after it neither happens.
    /// </summary>
    public sealed class Race001And002ProofTests
    {
        private const int Tasks = 20;

        private const string RendersAfterReturning = """
using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.ObjectPool;

public static class OrderRenderer
{
    public static async Task<string> RenderAsync(ObjectPool<StringBuilder> pool, string id, Func<Task> afterReturn)
    {
        var buffer = pool.Get();
        buffer.Append("order ").Append(id);
        pool.Return(buffer);
        await afterReturn();
        return buffer.ToString();
    }
}

""";

        private const string ReleasesOnlyOnSuccess = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class LedgerWriter
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task WriteAsync(Func<Task> write)
    {
        await _gate.WaitAsync();
        await write();
        _gate.Release();
    }
}

""";

        private const string AcquiresInsideTheTry = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class ExclusiveSection
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task RunAsync(Func<Task> body, CancellationToken ct)
    {
        try
        {
            await _gate.WaitAsync(ct);
            await body();
        }
        finally
        {
            _gate.Release();
        }
    }
}

""";

        private const string AcquiresInsideTheTryConfigured = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class ExclusiveSection
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task RunAsync(Func<Task> body, CancellationToken ct)
    {
        try
        {
            // wait for a free slot
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            await body().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

""";

        private const string AcquiresInsideTheTryReleasedByAHelper = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class ExclusiveSection
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private readonly bool _exclusive = true;

    public async Task RunAsync(Func<Task> body, CancellationToken ct)
    {
        try
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            await body().ConfigureAwait(false);
        }
        finally
        {
            EndSection();
        }
    }

    private void EndSection()
    {
        if (_exclusive)
        {
            _gate.Release();
        }
    }
}

""";

        private const string ReturnsCacheHitsHoldingTheLock = """
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

public sealed class CachedLookup
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private readonly Dictionary<string, string> _cache = new Dictionary<string, string>();

    public async Task<string> GetAsync(string key, Func<string, Task<string>> load, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        if (_cache.TryGetValue(key, out var cached)) return cached;
        try
        {
            var loaded = await load(key).ConfigureAwait(false);
            _cache[key] = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }
}

""";

        [Fact]
        public async Task CancelledConfiguredAwaitInsideTheTry_LetsTwoIntoTheSectionBeforeTheFix_AndOneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(AcquiresInsideTheTryConfigured);
            Assert.True(fixedSource.IndexOf("WaitAsync", StringComparison.Ordinal) < fixedSource.IndexOf("try", StringComparison.Ordinal), fixedSource);
            Assert.Contains("// wait for a free slot", fixedSource);

            Assert.Equal((2, true), await MostInsideAtOnce(AcquiresInsideTheTryConfigured));
            Assert.Equal((1, false), await MostInsideAtOnce(fixedSource));
        }

        [Fact]
        public async Task CancelledWaitInsideTheTry_WhoseFinallyReleasesThroughAHelper_LetsTwoInBeforeTheFix_AndOneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(AcquiresInsideTheTryReleasedByAHelper);
            Assert.True(fixedSource.IndexOf("WaitAsync", StringComparison.Ordinal) < fixedSource.IndexOf("try", StringComparison.Ordinal), fixedSource);

            Assert.Equal((2, true), await MostInsideAtOnce(AcquiresInsideTheTryReleasedByAHelper));
            Assert.Equal((1, false), await MostInsideAtOnce(fixedSource));
        }

        [Fact]
        public async Task CacheHitBeforeTheTry_LeavesTheLockHeldBeforeTheFix_AndReleasedAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ReturnsCacheHitsHoldingTheLock);
            Assert.True(fixedSource.IndexOf("try", StringComparison.Ordinal) < fixedSource.IndexOf("TryGetValue", StringComparison.Ordinal), fixedSource);

            Assert.Equal(0, await LookupsAfterACacheHit(ReturnsCacheHitsHoldingTheLock));
            Assert.Equal(Tasks, await LookupsAfterACacheHit(fixedSource));
        }

        /// <summary>One key is loaded, then asked for again (a cache hit); then 20 other keys are looked up concurrently, each given two seconds. Returns how many completed.</summary>
        private static async Task<int> LookupsAfterACacheHit(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("CachedLookup")!;
            var lookup = Activator.CreateInstance(type)!;
            var get = type.GetMethod("GetAsync")!;
            Func<string, Task<string>> load = async key => { await Task.Delay(1); return "value of " + key; };
            Task<string> Get(string key) => (Task<string>)get.Invoke(lookup, new object[] { key, load, CancellationToken.None })!;

            Assert.Equal("value of warm", await Get("warm"));
            Assert.Equal("value of warm", await Get("warm"));
            return await CompletedWithinTwoSeconds(i => Get("k" + i));
        }

        private const string ValidatesBeforeTheTry = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class GuardedWriter
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

    public async Task WriteAsync(string line, Func<string, Task> validate, Func<string, Task> write, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        await validate(line).ConfigureAwait(false);
        try
        {
            await write(line).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

""";

        [Fact]
        public async Task ThrowBetweenTheWaitAndTheTry_KeepsTheLockBeforeTheFix_AndReleasesItAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ValidatesBeforeTheTry);
            Assert.True(fixedSource.IndexOf("try", StringComparison.Ordinal) < fixedSource.IndexOf("validate(line)", StringComparison.Ordinal), fixedSource);

            Assert.Equal(0, await WritesAfterARejectedOne(ValidatesBeforeTheTry));
            Assert.Equal(Tasks, await WritesAfterARejectedOne(fixedSource));
        }

        /// <summary>One write is rejected by its validation (it throws); then 20 valid writes run concurrently, each given two seconds. Returns how many completed.</summary>
        private static async Task<int> WritesAfterARejectedOne(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("GuardedWriter")!;
            var writer = Activator.CreateInstance(type)!;
            var method = type.GetMethod("WriteAsync")!;
            Func<string, Task> validate = line => line.Length == 0 ? Task.FromException(new ArgumentException("empty line")) : Task.CompletedTask;
            Func<string, Task> write = _ => Task.Delay(1);
            Task Write(string line) => (Task)method.Invoke(writer, new object[] { line, validate, write, CancellationToken.None })!;

            await Assert.ThrowsAsync<ArgumentException>(() => Write(string.Empty));
            return await CompletedWithinTwoSeconds(i => Write("line " + i));
        }

        /// <summary>Starts <see cref="Tasks"/> calls at once and counts those that complete within two seconds.</summary>
        private static async Task<int> CompletedWithinTwoSeconds(Func<int, Task> start)
        {
            var completed = 0;
            await Task.WhenAll(Enumerable.Range(0, Tasks).Select(async i =>
            {
                var done = start(i);
                if (await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(2))) == done)
                {
                    Interlocked.Increment(ref completed);
                }
            }));
            return completed;
        }

        [Fact]
        public async Task CancelledAcquisitionInsideTheTry_LetsTwoIntoTheSectionBeforeTheFix_AndOneAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(AcquiresInsideTheTry);
            Assert.True(fixedSource.IndexOf("WaitAsync", StringComparison.Ordinal) < fixedSource.IndexOf("try", StringComparison.Ordinal), fixedSource);

            Assert.Equal((2, true), await MostInsideAtOnce(AcquiresInsideTheTry));
            Assert.Equal((1, false), await MostInsideAtOnce(fixedSource));
        }

        /// <summary>
        /// One task holds the section; a second gives up waiting (cancelled); a third then asks for it. Returns the
        /// most tasks ever inside together (a cancelled wait that still releases lets the third in beside the first),
        /// and whether the section then released once more than the semaphore allows.
        /// </summary>
        private static async Task<(int Most, bool OverReleased)> MostInsideAtOnce(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("ExclusiveSection")!;
            var section = Activator.CreateInstance(type)!;
            var run = type.GetMethod("RunAsync")!;
            Task Run(Func<Task> body, CancellationToken ct) => (Task)run.Invoke(section, new object[] { body, ct })!;

            int inside = 0, most = 0;
            var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var leave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task Body(Func<Task> whileInside)
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await whileInside();
                Interlocked.Decrement(ref inside);
            }

            var first = Run(() => Body(() => { holding.TrySetResult(); return leave.Task; }), CancellationToken.None);
            await holding.Task;
            using (var gaveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(() => Body(() => Task.CompletedTask), gaveUp.Token));
            }

            var third = Run(() => Body(() => Task.Delay(50)), CancellationToken.None);
            await Task.WhenAny(third, Task.Delay(TimeSpan.FromSeconds(1)));
            leave.TrySetResult();
            try
            {
                await Task.WhenAll(first, third);
                return (most, false);
            }
            catch (SemaphoreFullException)
            {
                return (most, true); // the other face of the same bug: one release too many for a semaphore of one
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }

        [Fact]
        public async Task BufferUsedAfterItsReturn_RendersOtherTasksContentBeforeTheFix_AndItsOwnAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(RendersAfterReturning);
            Assert.Contains("finally", fixedSource);

            Assert.Equal(0, await RenderedCorrectly(RendersAfterReturning));
            Assert.Equal(Tasks, await RenderedCorrectly(fixedSource));
        }

        [Fact]
        public async Task OneFailedWrite_LeavesTheLockHeldBeforeTheFix_AndReleasedAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ReleasesOnlyOnSuccess);
            Assert.Contains("finally", fixedSource);

            Assert.Equal(0, await WritesAfterAFailure(ReleasesOnlyOnSuccess));
            Assert.Equal(Tasks, await WritesAfterAFailure(fixedSource));
        }

        /// <summary>Renders concurrently; every task waits after returning its buffer until all have rendered into one. Returns how many got their own text.</summary>
        private static async Task<int> RenderedCorrectly(string source)
        {
            var render = InMemoryAssembly.Compile(source).GetType("OrderRenderer")!.GetMethod("RenderAsync")!;
            var pool = new DefaultObjectPoolProvider().CreateStringBuilderPool();
            var gate = new Gate(Tasks);
            var rendered = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => Task.Run(() =>
                (Task<string>)render.Invoke(null, new object[] { pool, "o-" + i, new Func<Task>(gate.ArriveAndWaitAsync) })!)));
            return rendered.Where((text, i) => text == "order o-" + i).Count();
        }

        /// <summary>The first write fails; then 20 writes run concurrently, each given two seconds. Returns how many completed.</summary>
        private static async Task<int> WritesAfterAFailure(string source)
        {
            var type = InMemoryAssembly.Compile(source).GetType("LedgerWriter")!;
            var writer = Activator.CreateInstance(type)!;
            var write = type.GetMethod("WriteAsync")!;
            Task Write(Func<Task> body) => (Task)write.Invoke(writer, new object[] { body })!;

            await Assert.ThrowsAsync<TimeoutException>(() => Write(() => throw new TimeoutException("injected: the ledger did not answer")));
            return await CompletedWithinTwoSeconds(_ => Write(() => Task.Delay(1)));
        }
    }
}
