using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE012 run for real: the fixer's output against the runtime's own Monitor, ReaderWriterLockSlim and SemaphoreSlim. The awaited
    /// write completes on another thread, as a thread-pool continuation does under load. Before the fix the exit
    /// on that thread throws SynchronizationLockException and the lock stays owned by the thread that entered,
    /// so the next caller waits forever; after it the call completes, the next caller gets in, and 32 concurrent
    /// appends with real delays all land with never two inside at once.
    /// </summary>
    public sealed class Race012ProofTests
    {
        private const string JournalOnMonitor = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new object();
    private int _written;
    private int _inside;
    private int _mostInside;

    public int Written => _written;

    public int MostInside => _mostInside;

    public async Task AppendAsync(Func<Task> write)
    {
        Monitor.Enter(_gate);
        try
        {
            var inside = Interlocked.Increment(ref _inside);
            _mostInside = Math.Max(_mostInside, inside);
            var seen = _written;
            await write();
            _written = seen + 1;
            Interlocked.Decrement(ref _inside);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}

""";

        private const string JournalOnReaderWriterLock = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
    private int _written;
    private int _inside;
    private int _mostInside;

    public int Written => _written;

    public int MostInside => _mostInside;

    public async Task AppendAsync(Func<Task> write)
    {
        _gate.EnterWriteLock();
        try
        {
            var inside = Interlocked.Increment(ref _inside);
            _mostInside = Math.Max(_mostInside, inside);
            var seen = _written;
            await write();
            _written = seen + 1;
            Interlocked.Decrement(ref _inside);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }
}

""";

        [Theory]
        [InlineData(JournalOnMonitor)]
        [InlineData(JournalOnReaderWriterLock)]
        public async Task The_exit_on_another_thread_throws_and_blocks_the_next_caller_before_the_fix_and_not_after(string journal)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(journal);
            Assert.Contains("SemaphoreSlim(1, 1)", fixedSource);
            Assert.DoesNotContain("Monitor", fixedSource);
            Assert.DoesNotContain("WriteLock", fixedSource);

            var before = Load(journal);
            var first = await AppendResumingElsewhereAsync(before);
            Assert.IsType<SynchronizationLockException>(first);
            Assert.False(await NextCallerGetsInAsync(before), "the lock should still be owned by the thread that entered it");

            var after = Load(fixedSource);
            Assert.Null(await AppendResumingElsewhereAsync(after));
            Assert.True(await NextCallerGetsInAsync(after));
        }

        [Theory]
        [InlineData(JournalOnMonitor)]
        [InlineData(JournalOnReaderWriterLock)]
        public async Task After_the_fix_concurrent_appends_all_land_one_at_a_time(string source)
        {
            var journal = Load(await FixerOutput.FixedSourceAsync(source));
            var append = journal.GetType().GetMethod("AppendAsync")!;
            var calls = Enumerable.Range(0, 32).Select(_ => Task.Run(() => (Task)append.Invoke(journal, new object[] { new Func<Task>(() => Task.Delay(1)) })!)).ToArray();
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(32, (int)journal.GetType().GetProperty("Written")!.GetValue(journal)!);
            Assert.Equal(1, (int)journal.GetType().GetProperty("MostInside")!.GetValue(journal)!);
        }

        private static object Load(string source) => Activator.CreateInstance(InMemoryAssembly.Compile(source).GetType("Journal")!)!;

        /// <summary>One append, entered on its own thread, whose write completes on a second thread (the continuation runs there). Returns its exception, or null.</summary>
        private static async Task<Exception?> AppendResumingElsewhereAsync(object journal)
        {
            var write = new TaskCompletionSource(TaskCreationOptions.None);
            Task? call = null;
            var caller = new Thread(() => call = Invoke(journal, () => write.Task)) { IsBackground = true };
            caller.Start();
            Assert.True(caller.Join(TimeSpan.FromSeconds(10)));

            var completer = new Thread(() => write.SetResult()) { IsBackground = true };
            completer.Start();
            Assert.True(completer.Join(TimeSpan.FromSeconds(10)));

            try
            {
                await call!.WaitAsync(TimeSpan.FromSeconds(10));
                return null;
            }
            catch (Exception failure) when (failure is not TimeoutException)
            {
                return failure;
            }
        }

        /// <summary>A second append from a fresh thread, with nothing to wait for: true when it completes within two seconds.</summary>
        private static async Task<bool> NextCallerGetsInAsync(object journal)
        {
            var done = new TaskCompletionSource();
            var caller = new Thread(() =>
            {
                Invoke(journal, () => Task.CompletedTask).Wait();
                done.SetResult();
            }) { IsBackground = true };
            caller.Start();
            return await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(2))) == done.Task;
        }

        private static Task Invoke(object journal, Func<Task> write)
        {
            try
            {
                return (Task)journal.GetType().GetMethod("AppendAsync")!.Invoke(journal, new object[] { write })!;
            }
            catch (TargetInvocationException failure)
            {
                return Task.FromException(failure.InnerException!);
            }
        }
    }
}
