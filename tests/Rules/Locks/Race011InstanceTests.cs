using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// RACE011 and cycles that close only on another object of the holder's own type (Npgsql's connector: a broken
    /// connector closes the pool's idle connectors; a cancel request runs on a new connector). Such a cycle needs two
    /// objects to be one, and nothing in the code says they can be; a cycle through a static lock still closes, and
    /// one that leaves the type and comes back through a field (a book and its ledger) is still found. Cycles that
    /// share a step report it once.
    /// </summary>
    public sealed class Race011InstanceTests
    {
        private const string Connector = """
using System.Collections.Generic;
using System.Threading;

public sealed class Pool
{
    private readonly Queue<Connector> _idle = new();

    public void Clear()
    {
        while (_idle.TryDequeue(out var connector))
        {
            connector.Close();
        }
    }
}

public sealed class Connector
{
    private readonly Pool _pool;
    private object CancelLock { get; } = new();
    private object SyncObj { get; } = new();
    private object CleanupLock { get; } = new();

    public Connector(Pool pool) => _pool = pool;

    public void Close()
    {
        lock (SyncObj)
        {
        }
    }

    public void Break()
    {
        lock (CancelLock)
        {
            _pool.Clear();
        }
    }

    public void Cancel()
    {
        lock (SyncObj)
        {
            lock (CancelLock)
            {
            }
        }
    }

    public void CancelOnTheServer()
    {
        lock (CancelLock)
        {
            var cancelConnector = new Connector(_pool);
            cancelConnector.Cleanup();
        }
    }

    public void Cleanup()
    {
        lock (CleanupLock)
        {
            lock (CancelLock)
            {
            }
        }
    }
}
""";

        [Fact]
        public Task Cycles_that_close_only_on_another_connector_are_not_reported()
            => Verify.VerifyAnalyzerAsync(Connector);

        [Fact]
        public Task The_same_cycle_through_a_static_lock_is_reported()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Pool
{
    public static readonly object Gate = new();

    public static void Clear(Connector connector)
    {
        lock (Gate)
        {
            connector.{|#0:Close|}();
        }
    }
}

public sealed class Connector
{
    private readonly object _sync = new();

    public void Close()
    {
        lock (_sync)
        {
        }
    }

    public void Break()
    {
        lock (_sync)
        {
            {|#1:lock|} (Pool.Gate)
            {
            }
        }
    }
}
""",
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1).WithArguments("_sync → Gate → _sync",
                    "'Connector.Break' takes Gate while holding _sync (Test0.cs:29); 'Pool.Clear' takes _sync through 'Connector.Close' while holding Gate (Test0.cs:9)"),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0).WithArguments("_sync → Gate → _sync",
                    "'Connector.Break' takes Gate while holding _sync (Test0.cs:29); 'Pool.Clear' takes _sync through 'Connector.Close' while holding Gate (Test0.cs:9)"));

        [Fact]
        public Task Cycles_sharing_a_step_report_it_once()
            => Verify.VerifyAnalyzerAsync("""
public sealed class Target
{
    private readonly object _a = new();
    private readonly object _b = new();
    private readonly object _c = new();

    public void AThenB() { lock (_a) { {|#0:lock|} (_b) { } } }

    public void BThenC() { lock (_b) { {|#1:lock|} (_c) { } } }

    public void CThenA() { lock (_c) { {|#2:lock|} (_a) { } } }

    public void BThenA() { lock (_b) { {|#3:lock|} (_a) { } } }
}
""",
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(3)
                    .WithArguments("_a → _b → _a", "'Target.AThenB' takes _b while holding _a (Test0.cs:7); 'Target.BThenA' takes _a while holding _b (Test0.cs:13)"),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0).WithLocation(2)
                    .WithArguments("_a → _b → _c → _a", "'Target.AThenB' takes _b while holding _a (Test0.cs:7); 'Target.BThenC' takes _c while holding _b (Test0.cs:9); 'Target.CThenA' takes _a while holding _c (Test0.cs:11)"),
                Verify.Diagnostic("RACE011").WithLocation(2).WithLocation(0).WithLocation(1)
                    .WithArguments("_a → _b → _c → _a", "'Target.AThenB' takes _b while holding _a (Test0.cs:7); 'Target.BThenC' takes _c while holding _b (Test0.cs:9); 'Target.CThenA' takes _a while holding _c (Test0.cs:11)"),
                Verify.Diagnostic("RACE011").WithLocation(3).WithLocation(0)
                    .WithArguments("_a → _b → _a", "'Target.AThenB' takes _b while holding _a (Test0.cs:7); 'Target.BThenA' takes _a while holding _b (Test0.cs:13)"));
    }
}
