using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// Raising an event runs what is subscribed to it with <c>+=</c>: a subscriber that locks, reached while the
    /// raiser holds a lock, closes a cycle with the opposite nesting. A subscriber without a lock, an event raised
    /// after the lock is left, and an event nobody subscribes to (or only unsubscribes from) are quiet.
    /// </summary>
    public sealed class Race011EventTests
    {
        private const string Bus = """
public delegate void Changed(int value);

public sealed class Bus
{
    private readonly object _busLock = new();

    public event Changed? OnChanged;

    public void Publish(int value)
    {
        lock (_busLock)
        {
            var handler = OnChanged;
            handler?.Invoke(value);
        }
    }

    public void Drain()
    {
        lock (_busLock)
        {
        }
    }
}

""";

        private const string Ledger = """
public sealed class Ledger
{
    private readonly object _ledgerLock = new();
    private readonly Bus _bus;

    public Ledger(Bus bus)
    {
        _bus = bus;
        SUBSCRIBE
    }

    private void Record(int value)
    {
        lock (_ledgerLock)
        {
        }
    }

    public void Close()
    {
        lock (_ledgerLock)
        {
            _bus.Drain();
        }
    }
}
""";

        private static string Flagged(string source) => source
            .Replace("            handler?.Invoke(value);", "            handler?.{|#0:Invoke|}(value);")
            .Replace("            _bus.Drain();", "            _bus.{|#1:Drain|}();");

        [Fact]
        public Task A_method_group_subscriber_that_locks_closes_a_cycle_with_the_raiser()
            => Verify.VerifyAnalyzerAsync(Flagged(Bus + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += Record;")),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0));

        [Fact]
        public Task A_lambda_subscriber_that_locks_closes_a_cycle_with_the_raiser()
            => Verify.VerifyAnalyzerAsync(Flagged(Bus + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += value => Record(value);")),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0));

        [Fact]
        public Task An_event_invoked_directly_runs_its_subscribers_too()
            => Verify.VerifyAnalyzerAsync(Flagged(Bus.Replace("            var handler = OnChanged;\n", string.Empty).Replace("handler?.Invoke(value);", "OnChanged?.{|#0:Invoke|}(value);")
                    + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += Record;")),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0));

        [Fact]
        public Task An_event_raised_by_a_helper_called_under_the_lock_runs_its_subscribers()
            => Verify.VerifyAnalyzerAsync(Bus.Replace("""
            var handler = OnChanged;
            handler?.Invoke(value);
""", """
            {|#0:Notify|}(value);
""").Replace("""
    public void Drain()
""", """
    private void Notify(int value) => OnChanged?.Invoke(value);

    public void Drain()
""") + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += Record;").Replace("            _bus.Drain();", "            _bus.{|#1:Drain|}();"),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0));

        [Fact]
        public Task A_subscriber_that_takes_no_lock_is_quiet()
            => Verify.VerifyAnalyzerAsync(Bus + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += value => System.Console.WriteLine(value);"));

        [Fact]
        public Task An_event_raised_after_the_lock_is_left_is_quiet()
            => Verify.VerifyAnalyzerAsync(Bus.Replace("""
        lock (_busLock)
        {
            var handler = OnChanged;
            handler?.Invoke(value);
        }
""", """
        Changed? handler;
        lock (_busLock)
        {
            handler = OnChanged;
        }

        handler?.Invoke(value);
""") + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += Record;"));

        [Fact]
        public Task An_event_nobody_subscribes_to_is_quiet()
            => Verify.VerifyAnalyzerAsync(Bus + Ledger.Replace("SUBSCRIBE", "System.Console.WriteLine(nameof(Record));"));

        [Fact]
        public Task An_event_only_unsubscribed_from_is_quiet()
            => Verify.VerifyAnalyzerAsync(Bus + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged -= Record;"));

        [Fact]
        public Task A_subscriber_that_raises_the_same_event_again_ends()
            => Verify.VerifyAnalyzerAsync(Bus + Ledger.Replace("SUBSCRIBE", "_bus.OnChanged += value => _bus.Publish(value + 1);"));
    }
}
