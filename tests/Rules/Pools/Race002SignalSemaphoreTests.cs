using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// A SemaphoreSlim made with an initial count of 0 is a signal (a queue counter, a "work is due" flag), not a
    /// lock: putting a count back after a wait is no lock protocol, so RACE002 does not apply. The same code on a
    /// semaphore that starts with a count is a lock and is flagged. A private semaphore released by a producer
    /// elsewhere in its type, which never waits on it there, counts work too.
    /// </summary>
    public sealed class Race002SignalSemaphoreTests
    {
        private const string Body = """

        await _signal.WaitAsync(ct);
        await stream.FlushAsync(ct);
        if (stream.Length > 0)
        {
            RELEASE;
        }
""";

        /// <summary>
        /// <see cref="Body"/> on a lock: released on one branch only, so an exception skips the release (reported at
        /// the release) and so does the normal path that skips the branch (reported at the wait).
        /// </summary>
        private static readonly string LockBody = Body.Replace("RELEASE", "{|RACE002:_signal.Release()|}")
            .Replace("await _signal.WaitAsync(ct);", "await {|RACE002:_signal.WaitAsync(ct)|};");

        [Theory]
        [InlineData("private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);")]
        [InlineData("private readonly SemaphoreSlim _signal = new(0, int.MaxValue);")]
        [InlineData("private readonly SemaphoreSlim _signal = new SemaphoreSlim(initialCount: 0, maxCount: 10);")]
        [InlineData("private readonly SemaphoreSlim _signal;\n    public Worker() { _signal = new SemaphoreSlim(0); }")]
        [InlineData("private SemaphoreSlim _signal { get; } = new SemaphoreSlim(0);")]
        public async Task SignalPutBackAfterAWait_IsNotFlagged(string member)
        {
            await Verify.VerifyAnalyzerAsync(Code.Method(Body.Replace("RELEASE", "_signal.Release()"), members: "    " + member + "\n"));
        }

        [Theory]
        [InlineData("private readonly SemaphoreSlim _signal = new SemaphoreSlim(1);")]
        [InlineData("private readonly SemaphoreSlim _signal = new(1, 1);")]
        [InlineData("private readonly SemaphoreSlim _signal;\n    public Worker() { _signal = new SemaphoreSlim(1, 1); }")]
        public async Task LockReleasedOnTheNormalPathOnly_IsFlagged(string member)
        {
            await Verify.VerifyAnalyzerAsync(Code.Method(LockBody, members: "    " + member + "\n"));
        }

        [Fact]
        public async Task LocalSignal_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var done = new SemaphoreSlim(0);
        await done.WaitAsync(ct);
        await stream.FlushAsync(ct);
        done.Release();
"""));
        }

        private const string InjectedCounter = "private readonly SemaphoreSlim _signal;\n    public Worker(SemaphoreSlim items) { _signal = items; }\n";

        [Theory]
        [InlineData("public void Enqueue(string item) { _pending.Enqueue(item); _signal.Release(); }")]
        [InlineData("public Worker(int due) : this(new SemaphoreSlim(due)) { _timer = new Timer(_ => _signal.Release()); }")]
        public async Task CounterReleasedByAProducerElsewhere_IsNotFlagged(string producer)
        {
            var members = "    " + InjectedCounter + "    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _pending = new();\n    private readonly Timer? _timer;\n    " + producer + "\n";
            await Verify.VerifyAnalyzerAsync(Code.Method(Body.Replace("RELEASE", "_signal.Release()"), members: members));
        }

        [Theory]
        [InlineData("")]
        [InlineData("    public void Enqueue(string item) { _signal.Wait(); try { _pending.Enqueue(item); } finally { _signal.Release(); } }\n")]
        public async Task WithoutAProducer_OrWhenTheOtherMemberAlsoWaits_ItIsALock(string other)
        {
            var members = "    " + InjectedCounter + "    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _pending = new();\n" + other;
            await Verify.VerifyAnalyzerAsync(Code.Method(LockBody, members: members));
        }

        [Fact]
        public async Task MutexOfOneWithItsReleaseInAHelper_IsFlagged()
        {
            const string members = "    private readonly SemaphoreSlim _signal = new SemaphoreSlim(1, 1);\n    private void Unlock() => _signal.Release();\n";
            await Verify.VerifyAnalyzerAsync(Code.Method(LockBody, members: members));
        }
    }
}
