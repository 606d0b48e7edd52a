using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// Lock takes in property getters and setters run where the property is read or written: a getter that locks,
    /// read under another lock, closes a cycle with the opposite nesting; a getter that takes no lock does not.
    /// </summary>
    public sealed class Race011AccessorTests
    {
        private const string Node = """
public sealed class RaftNode
{
    private static readonly object StateLock = new();
    private static bool _leader;

    public bool IsLeader
    {
        get
        {
            lock (StateLock)
            {
                return _leader;
            }
        }
    }

    public bool WasLeader => _leader;

    public static void Elect(System.Action apply)
    {
        lock (StateLock)
        {
            apply();
            Log.Append();
        }
    }
}

public static class Log
{
    public static readonly object LogLock = new();

    public static void Append()
    {
        lock (LogLock)
        {
        }
    }
}

""";

        [Fact]
        public Task A_getter_that_locks_read_under_another_lock_closes_a_cycle()
            => Verify.VerifyAnalyzerAsync((Node + """
public sealed class Replicator
{
    private readonly RaftNode _node = new();

    public bool Ship()
    {
        lock (Log.LogLock)
        {
            return {|#0:_node.IsLeader|};
        }
    }
}
""").Replace("            Log.Append();", "            Log.{|#1:Append|}();"),
                Verify.Diagnostic("RACE011").WithLocation(1).WithLocation(0),
                Verify.Diagnostic("RACE011").WithLocation(0).WithLocation(1));

        [Fact]
        public Task A_getter_without_a_lock_is_quiet()
            => Verify.VerifyAnalyzerAsync(Node + """
public sealed class Replicator
{
    private readonly RaftNode _node = new();

    public bool Ship()
    {
        lock (Log.LogLock)
        {
            return _node.WasLeader;
        }
    }
}
""");
    }
}
