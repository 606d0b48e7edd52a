using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>RACE003 across the read and subscription APIs it knows, and configured in-house ones.</summary>
    public sealed class Race003ApiFamilyTests
    {
        private const string Usings = ChatCode.Usings + """
using System.Collections.Generic;
using Dapper;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.SignalR.Client;

""";

        private static string Method(string parameters, string body, string members = "") => Usings + """

public sealed class ChatMessage { public int Id { get; set; } public string SessionId { get; set; } = ""; }
public sealed class ChatContext : DbContext { public DbSet<ChatMessage> Messages => Set<ChatMessage>(); }

public sealed class Session
{

""" + members + """

    public async Task Open(
""" + parameters + """
)
    {

""" + body + """

    }
}

""";

        [Theory]
        [InlineData("await db.StringGetAsync(\"state:\" + id);")]
        [InlineData("db.HashGetAll(\"state:\" + id);")]
        [InlineData("await db.SortedSetRangeByRankAsync(\"scores:\" + id);")]
        [InlineData("await db.StreamRangeAsync(\"events:\" + id);")]
        [InlineData("db.SetMembers(\"members:\" + id);")]
        public async Task RedisReads_BeforeSubscribe_AreFlagged(string read)
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id",
                "        " + read + "\n        {|RACE003:subscriber.Subscribe(RedisChannel.Literal(\"live:\" + id))|};"));
        }

        [Fact]
        public async Task DapperQuery_BeforeSubscribe_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("NpgsqlConnection connection, ISubscriber subscriber, string id", """

        var rows = await connection.QueryAsync<string>("SELECT body FROM messages WHERE session_id = @id", new { id });
        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id))|};
"""));
        }

        [Fact]
        public async Task AdoNetReader_BeforeSubscribe_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("NpgsqlConnection connection, ISubscriber subscriber, string id", """

        await using var command = new NpgsqlCommand("SELECT body FROM messages WHERE session_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id))|};
"""));
        }

        [Fact]
        public async Task EfCoreQuery_BeforeSubscribe_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("ChatContext context, ISubscriber subscriber, string id", """

        var history = await context.Messages.Where(m => m.SessionId == id).ToListAsync();
        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id))|};
"""));
        }

        [Fact]
        public async Task PostgresListen_AfterSelect_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("NpgsqlConnection connection, string room", """

        var history = await connection.QueryAsync<string>("SELECT body FROM messages WHERE room = @room", new { room });
        await using var listen = new NpgsqlCommand($"LISTEN room_{room}", connection);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};
"""));
        }

        [Fact]
        public async Task PostgresListenThroughDapper_AfterSelect_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("NpgsqlConnection connection, string room", """

        var history = await connection.QueryAsync<string>("SELECT body FROM messages WHERE room = @room", new { room });
        await {|RACE003:connection.ExecuteAsync("LISTEN room_" + room)|};
"""));
        }

        [Fact]
        public async Task SignalRHandler_RegisteredAfterStateFetchOnTheSameConnection_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Method("HubConnection hub, Action<string> show", """

        var state = await hub.InvokeAsync<string>("GetBoard");
        show(state);
        {|RACE003:hub.On<string>("BoardChanged", show)|};
"""));
        }

        [Fact]
        public async Task ConfiguredReadAndSubscribe_AreFlagged()
        {
            var source = Usings + """

namespace Acme
{
    public sealed class Ledger { public Task<int> Balance(string account) => Task.FromResult(0); }
    public sealed class Ticker { public void Follow(string account, Action<int> onChange) { } }
}

public sealed class Screen
{
    public async Task Show(Acme.Ledger ledger, Acme.Ticker ticker, string account)
    {
        var balance = await ledger.Balance(account);
        {|RACE003:ticker.Follow(account, change => balance += change)|};
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source, "race_analyzers.snapshot_read_methods = Acme.Ledger.Balance\nrace_analyzers.subscribe_methods = M:Acme.Ticker.Follow(System.String,System.Action{System.Int32})\n");
        }
    }
}
