using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>What the IDE shows analyzers while someone types: no analyzer or fixer exception, no fix that adds errors.</summary>
    public sealed class RobustnessTests
    {
        public static TheoryData<string> HalfTypedBodies() => new TheoryData<string>
        {
            "var conn = _pool.GetConnection(\n",
            "var conn = _pool.GetConnection();\n _pool.ReturnConnection(\n msg.Acknowledge();",
            "var conn = _pool.GetConnection();\n _pool.ReturnConnection(conn)\n msg.Acknowledge();",
            "var conn = _pool.GetConnection();\n try { _pool.ReturnConnection(conn); msg.Acknowledge(); ",
            "try { await _gate.WaitAsync(ct); } finally { _gate.Release(",
            "var buffer = ArrayPool<byte>.Shared.Rent(;\n ArrayPool<byte>.Shared.Return(buffer);\n buffer[0] = 1;",
            "Monitor.Enter(_sync);\n _handler.Process(msg);\n Monitor.Exit(",
            "var conn = _pool.Unknown();\n _pool.ReturnConnection(conn);\n msg.Acknowledge();",
            "var conn = _pool.GetConnection();\n _pool.ReturnConnection(conn);\n conn.Missing();",
            "foreach (var x in ) { var b = ArrayPool<byte>.Shared.Rent(1); ArrayPool<byte>.Shared.Return(b); b[0] = 1; }",
            "var conn = _pool.GetConnection();\n _handler.Process(msg);\n _pool.ReturnConnection(conn);\n msg.Acknowledge();\n }\n }\n",
        };

        [Theory]
        [MemberData(nameof(HalfTypedBodies))]
        public async Task HalfTypedCode_NeverThrows(string body)
        {
            await FixerOutput.NoCrashAsync(Code.Method(body));
        }

        public static TheoryData<string> HalfTypedChatBodies() => new TheoryData<string>
        {
            "await SendChatHistoryAsync(ws, sessionId);\n await _orchestrator.StartStreamingSessionAsync(sessionId, userId,",
            "await SendChatHistoryAsync(ws, \n await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));",
            "await SendChatHistoryAsync(ws, sessionId);\n await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws))",
            "await SendChatHistoryAsync(ws, sessionId);\n await _orchestrator.Missing(sessionId);\n await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));",
            "await SendChatHistoryAsync(ws, sessionId);\n if (sessionId == null) { await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws)); ",
        };

        [Theory]
        [MemberData(nameof(HalfTypedChatBodies))]
        public async Task HalfTypedChatCode_NeverThrows(string body)
        {
            await FixerOutput.NoCrashAsync(ChatCode.Handler(body));
        }

        public static TheoryData<string> HalfTypedConsumerBodies() => new TheoryData<string>
        {
            "_consumer.Commit(result);\n await ApplyAsync(result.Message.Key, ",
            "try { await ApplyAsync(result.Message.Key, 1); } finally { _consumer.Commit(",
            "try { await ApplyAsync(result.Message.Key, 1); } catch (Exception) { } _consumer.Commit(result)",
            "_consumer.Commit(result);\n await _db.ExecuteAsync(\"INSERT INTO t (a) VALUES (@a\", new { a = result.Message.Key });",
        };

        [Theory]
        [MemberData(nameof(HalfTypedConsumerBodies))]
        public async Task HalfTypedConsumerCode_NeverThrows(string body)
        {
            await FixerOutput.NoCrashAsync(DeliveryCode.KafkaLoop(body));
        }

        public static TheoryData<string> HalfTypedSqlBodies() => new TheoryData<string>
        {
            "var stock = await db.QuerySingleAsync<int>(\"SELECT current_stock FROM products WHERE sku = @sku\", new { sku });\n await db.ExecuteAsync(\"UPDATE products SET current_stock = @u WHERE\", new { u = stock + ",
            "var stock = await db.QuerySingleAsync<int>(\"SELECT current_stock FROM\", new { sku });\n await db.ExecuteAsync(\"UPDATE products SET current_stock = @u\", new { u = stock + delta });",
            "var seen = await db.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId\", new { eventId });\n if (seen > ) return;\n await db.ExecuteAsync(\"INSERT INTO processed_events (event_id) VALUES (@eventId)\", new { eventId });",
            "var seen = await db.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId\", new { eventId });\n if (seen > 0) return;\n await db.ExecuteAsync(\"INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT\", new { eventId });",
            "var stock = await db.QuerySingleAsync<int>(\"SELECT current_stock FROM products WHERE sku = @sku\", new { sku });\n await db.ExecuteAsync(\"UPDATE products SET current_stock = @u WHERE sku = @sku\", new { u = stock + delta, sku }, Missing);",
        };

        [Theory]
        [MemberData(nameof(HalfTypedSqlBodies))]
        public async Task HalfTypedSqlCode_NeverThrows(string body)
        {
            await FixerOutput.NoCrashAsync(SqlCode.Handler(body));
        }

        [Fact]
        public async Task TopLevelStatementsLocalFunctionsAndLambdas_AreAnalyzed()
        {
            var source = """
using System;
using System.Buffers;
using System.Threading;

var gate = new SemaphoreSlim(1);
var buffer = ArrayPool<byte>.Shared.Rent(8);
{|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
buffer[0] = 1;

void Local()
{
    var local = ArrayPool<byte>.Shared.Rent(8);
    {|RACE001:ArrayPool<byte>.Shared.Return(local)|};
    Console.Write(local[0] + 1 > 0 ? "a" : "b", local.Length);
}

Action handler = () =>
{
    gate.Wait();
    Local();
    {|RACE002:gate.Release()|};
};
handler();

""";
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task GeneratedCode_IsNotAnalyzed()
        {
            await Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        _pool.ReturnConnection(conn);
        msg.Acknowledge();
"""));
        }

        public static TheoryData<string> LambdasAfterUsingScopes() => new TheoryData<string>
        {
            """
        async Task Pump()
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                Console.WriteLine(item);
            }
        }
        await Pump();
""",
            """
        stoppingToken.Register(async () =>
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(stoppingToken))
                Console.WriteLine(item);
        });
""",
            """
        Func<Task> listen = async () =>
        {
            await using var again = await _db.OpenConnectionAsync(stoppingToken);
            await foreach (var item in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                await again.ExecuteAsync("LISTEN orders");
            }
        };
        await listen();
""",
            """
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                try { Console.WriteLine(item); } finally { Console.WriteLine(i); }
            }
        }));
""",
        };

        /// <summary>
        /// The shape of a reported AD0001 (a LISTEN inside a using block, then a lambda or local function with
        /// <c>await foreach</c>): every rule builds the body's graphs, the lambdas' included, without an exception.
        /// </summary>
        [Theory]
        [MemberData(nameof(LambdasAfterUsingScopes))]
        public async Task LambdasAndLocalFunctionsAfterUsingScopes_NeverThrow(string tail)
        {
            await FixerOutput.NoCrashAsync("""
using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class Listener
{
    private readonly NpgsqlDataSource _db = null!;
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    protected async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var snapshot = await _db.CreateCommand("SELECT id FROM orders").ExecuteScalarAsync(stoppingToken);
        await using (var conn = await _db.OpenConnectionAsync(stoppingToken))
        {
            await using (var cmd = new NpgsqlCommand("LISTEN orders", conn))
                await cmd.ExecuteNonQueryAsync(stoppingToken);
            await conn.WaitAsync(stoppingToken);
        }

""" + tail + """
    }
}
""");
        }
    }
}
