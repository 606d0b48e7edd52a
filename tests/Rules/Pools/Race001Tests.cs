using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer, RaceAnalyzers.CodeFixes.Pools.MoveIntoFinallyFixer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>RACE001 is reported: a resource is used, directly or through a dependent call, after going back to its pool.</summary>
    public sealed class Race001Tests
    {
        private static string Handler(string body) => """
using System;
using Broker;

public sealed class MessageProcessor
{
    private readonly ConnectionPool _pool = new ConnectionPool();
    private readonly IMessageHandler _handler;
    private readonly IAppLogger _log;

    public MessageProcessor(IMessageHandler handler, IAppLogger log) { _handler = handler; _log = log; }

    public void ProcessMessage(Message msg)
    {

""" + body + """

    }
}

""" + InHouseApis.MessageQueue;

        [Fact]
        public async Task CaseStudy_ReturnBeforeAcknowledge_IsFlaggedAtTheReturnAndFixedWithFinally()
        {
            var source = Handler("""
        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            {|#0:_pool.ReturnConnection(conn)|};
            {|#1:msg.Acknowledge()|};
        }
        catch (Exception)
        {
            msg.Nack();
            throw;
        }
""");
            var fixedSource = Handler("""
        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            msg.Acknowledge();
        }
        catch (Exception)
        {
            msg.Nack();
            throw;
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }
""");
            await Verify.VerifyCodeFixAsync(source, fixedSource, null,
                Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1).WithArguments("conn", "_pool.ReturnConnection(conn)", "msg.Acknowledge()", "19"));
        }

        [Fact]
        public async Task RentedArray_ReadAfterReturn_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        var read = await stream.ReadAsync(buffer, 0, buffer.Length, ct);
        {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
        await {|#1:stream.WriteAsync(buffer, 0, read, ct)|};
"""), null,
                Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1).WithArguments("buffer", "ArrayPool<byte>.Shared.Return(buffer)", "stream.WriteAsync(buffer, 0, read, ct)", "26"));
        }

        [Fact]
        public async Task SpanOverRentedArray_UsedAfterReturn_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(16);
        var span = buffer.AsSpan(0, 8);
        {|#0:ArrayPool<byte>.Shared.Return(buffer)|};
        {|#1:Consume(span)|};
""", signature: "public async Task Run()"), null,
                Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1));
        }

        [Fact]
        public async Task SliceAndSegmentOverRentedArray_UsedAfterReturn_AreFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(16);
        var segment = new ArraySegment<byte>(buffer, 0, 8);
        var slice = segment.AsSpan().Slice(2);
        {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
        Consume(slice);
""", signature: "public async Task Run()"));
        }

        [Fact]
        public async Task ObjectPoolBuilder_UsedAfterReturn_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var builder = pool.Get();
        builder.Append("x");
        {|RACE001:pool.Return(builder)|};
        var text = builder.ToString();
""", signature: "public async Task Run(ObjectPool<StringBuilder> pool)"));
        }

        [Fact]
        public async Task CommandCreatedOnPooledConnection_ExecutedAfterReturn_IsFlagged()
        {
            var source = Code.Usings + """

using Npgsql;

public sealed class DbConnectionPool
{
    public NpgsqlConnection Rent() => new NpgsqlConnection();
    public void Return(NpgsqlConnection connection) { }
}

public sealed class Repository
{
    private readonly DbConnectionPool _connections = new DbConnectionPool();

    public async Task<int> Insert(string sql)
    {
        var connection = _connections.Rent();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        {|#0:_connections.Return(connection)|};
        return await {|#1:command.ExecuteNonQueryAsync()|};
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source, null, Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1).WithArguments("connection", "_connections.Return(connection)", "command.ExecuteNonQueryAsync()", "29"));
        }

        [Fact]
        public async Task RabbitChannelFromObjectPool_AckedAfterReturn_IsFlagged()
        {
            var source = Code.Usings + """

using RabbitMQ.Client;

public sealed class Consumer
{
    private readonly ObjectPool<IChannel> _channels = null!;

    public async Task Handle(ulong deliveryTag, IMessageHandler handler, Message message)
    {
        var channel = _channels.Get();
        handler.Process(message);
        {|RACE001:_channels.Return(channel)|};
        await channel.BasicAckAsync(deliveryTag, multiple: false);
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task AsyncInHousePool_AckAfterReturn_IsFlagged()
        {
            var source = Code.Usings + """

public sealed class Session { public Task SendAsync(string text) => Task.CompletedTask; }
public sealed class Delivery { public Task AckAsync() => Task.CompletedTask; public string Body => ""; }
public sealed class SessionPool
{
    public Task<Session> LeaseAsync() => Task.FromResult(new Session());
    public Task ReturnAsync(Session session) => Task.CompletedTask;
}

public sealed class Relay
{
    private readonly SessionPool _sessions = new SessionPool();

    public async Task Forward(Delivery delivery)
    {
        var session = await _sessions.LeaseAsync();
        await session.SendAsync(delivery.Body);
        await {|#0:_sessions.ReturnAsync(session)|};
        await {|#1:delivery.AckAsync()|};
    }
}

""" + InHouseApis.MessageQueue;
            await Verify.VerifyAnalyzerAsync(source, null, Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1));
        }

        [Fact]
        public async Task UseReachedOnlyThroughTheCatch_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            await stream.ReadAsync(buffer, 0, 16, ct);
            {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
            await stream.FlushAsync(ct);
        }
        catch (IOException)
        {
            Array.Clear(buffer);
            throw;
        }
"""));
        }

        [Fact]
        public async Task ReturnedInOneBranch_UsedAfterTheBranchesJoin_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        var conn = _pool.GetConnection();
        _handler.Process(msg);
        if (msg.Id.Length > 0)
        {
            {|RACE001:_pool.ReturnConnection(conn)|};
        }
        conn.Send(Array.Empty<byte>());
        {|RACE002:_pool.ReturnConnection(conn)|};
"""));
        }
    }
}
