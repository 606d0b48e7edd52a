using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002 and hand-over-hand locking (Npgsql's connector: <c>lock (SyncObj) { if (!IsConnected) return;
    /// Monitor.Enter(CancelLock); }</c>, then a try whose finally exits CancelLock): the early return inside the lock
    /// block runs the block's finally and leaves, but only on its own path, before the take; the path that takes goes
    /// on into the releasing try. A return after the take inside the block does leave holding it.
    /// </summary>
    public sealed class Race002HandOverHandTests
    {
        private const string Connector = """
using System;
using System.Threading;

public sealed class Connector
{
    private readonly object _sync = new object();
    private readonly object _cancel = new object();
    private bool _connected;
    private bool _flag;

""";

        [Fact]
        public async Task EarlyReturnBeforeTheTake_InsideTheOuterLock_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Connector + """
    public void Cancel()
    {
        lock (_sync)
        {
            if (!_connected)
                return;
            Monitor.Enter(_cancel);
        }

        try
        {
            if (_flag) return;
            Console.WriteLine("cancel");
        }
        finally
        {
            Monitor.Exit(_cancel);
        }
    }
}
""");
        }

        [Fact]
        public async Task ReturnAfterTheTake_InsideTheOuterLock_LeavesHoldingIt()
        {
            await Verify.VerifyAnalyzerAsync(Connector + """
    public void Cancel()
    {
        lock (_sync)
        {
            {|RACE002:Monitor.Enter(_cancel)|};
            if (!_connected)
                return;
        }

        try
        {
            Console.WriteLine("cancel");
        }
        finally
        {
            Monitor.Exit(_cancel);
        }
    }
}
""");
        }
    }
}
