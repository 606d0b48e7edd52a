using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// Which later calls depend on a returned connection. Settling a message the work handled always does (ack,
    /// nack, complete, commit); I/O verbs (send, flush, execute) only on objects the work tied to the connection.
    /// </summary>
    public sealed class Race001DependentCallTests
    {
        private static string Source(string body) => Code.Usings + """

public sealed class Batch { public Batch(Connection connection) { } public void Add(string item) { } public void Flush() { } }

public sealed class Exporter
{
    private readonly ConnectionPool _pool = new ConnectionPool();

    public async Task Export(Message msg, TextWriter writer)
    {

""" + body + """

    }
}

""" + InHouseApis.MessageQueue;

        [Fact]
        public async Task FlushOfAWriterUsedDuringTheWork_IsNotADependentUse()
        {
            await Verify.VerifyAnalyzerAsync(Source("""

        var conn = _pool.GetConnection();
        try
        {
            await writer.WriteAsync(conn.Id);
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
        await writer.FlushAsync();
"""));
        }

        [Fact]
        public async Task FlushOfABatchBuiltOnTheConnection_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""

        var conn = _pool.GetConnection();
        var batch = new Batch(conn);
        batch.Add(msg.Id);
        {|RACE001:_pool.ReturnConnection(conn)|};
        batch.Flush();
"""));
        }

        [Fact]
        public async Task SettlingTheMessageTheWorkHandled_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""

        var conn = _pool.GetConnection();
        await writer.WriteAsync(msg.Id);
        {|RACE001:_pool.ReturnConnection(conn)|};
        msg.Acknowledge();
"""));
        }

        [Fact]
        public async Task CommandReaderOverPooledNpgsqlConnection_ReadAfterReturn_IsFlagged()
        {
            var source = Code.Usings + """

using Npgsql;

public sealed class NpgsqlConnectionPool
{
    public NpgsqlConnection Rent() => new NpgsqlConnection();
    public void Return(NpgsqlConnection connection) { }
}

public sealed class Reader
{
    public async Task<int> Count(NpgsqlConnectionPool pool)
    {
        var conn = pool.Rent();
        using var command = new NpgsqlCommand("SELECT 1", conn);
        await using var reader = await command.ExecuteReaderAsync();
        {|RACE001:pool.Return(conn)|};
        return await reader.ReadAsync() ? reader.GetInt32(0) : 0;
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task DefaultObjectPoolReceiver_IsAnObjectPool()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var builder = pool.Get();
        {|RACE001:pool.Return(builder)|};
        builder.Append(msg.Id);
""", signature: "public async Task Run(Message msg, DefaultObjectPool<StringBuilder> pool)"));
        }
    }
}
