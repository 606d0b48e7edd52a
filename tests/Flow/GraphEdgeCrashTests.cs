using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Flow
{
    /// <summary>
    /// Bodies that once crashed the graph code every rule shares (AD0001 in <c>GraphEdges</c>): a try/finally
    /// inside a local function or lambda declared within another try region (a foreach, an await using).
    /// Any analyzer exception fails these tests.
    /// </summary>
    public sealed class GraphEdgeCrashTests
    {
        [Fact]
        public async Task LocalFunctionWithFinally_InsideForeach_DoesNotThrow()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""
        foreach (var i in new[] { 1, 2 })
        {
            void Run()
            {
                try { _handler.Process(msg); } finally { _gate.Release(); }
            }

            Run();
        }
"""));
        }

        [Fact]
        public async Task LambdaWithAwaitForeach_AfterAwaitUsing_DoesNotThrow()
        {
            var source = """
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Channels;
using Dapper;
using Npgsql;

public sealed record Item(long Id, string Body);

public sealed class Listener
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _shard = "a";

    public Listener(NpgsqlDataSource ds) { _dataSource = ds; }

    private Task HandleAsync(Item item, CancellationToken ct) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken ct)
    {
        var seen = new HashSet<long>();
        var queue = Channel.CreateUnbounded<long>();
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await using (var listen = new NpgsqlCommand("LISTEN items_" + _shard, conn))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        await using var reader = await _dataSource.OpenConnectionAsync(ct);
        _ = Task.Run(async () =>
        {
            await foreach (var id in queue.Reader.ReadAllAsync(ct))
            {
                if (!seen.Add(id)) continue;
                var item = await reader.QuerySingleAsync<Item>("SELECT id, body FROM items WHERE id = @id", new { id });
                await HandleAsync(item, ct);
            }
        }, ct);
        while (!ct.IsCancellationRequested)
            await conn.WaitAsync(ct);
    }
}
""";
            await Verify.VerifyAnalyzerAsync(source);
        }
    }
}
