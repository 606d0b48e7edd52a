using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer, RaceAnalyzers.CodeFixes.Streams.SubscribeFirstFixer>;

namespace RaceAnalyzers.Tests.Fixes.Streams
{
    /// <summary>
    /// Subscribe-first for a PostgreSQL LISTEN whose notifications are taken by an <c>NpgsqlConnection.Notification</c>
    /// handler attached after the history read (held-out <c>ChangeFeed.FollowLateAsync</c>): the read is the collection
    /// of a <c>foreach</c>, and the handler moves above it with the LISTEN, since Npgsql drops the notifications it reads
    /// while no handler is attached. Where the handler cannot move with the LISTEN, no fix.
    /// </summary>
    public sealed class Race003ListenHandlerFixTests
    {
        private static string Feed(string body) => """
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class ChangeFeed
{
    private readonly NpgsqlDataSource _db;

    public ChangeFeed(NpgsqlDataSource db) => _db = db;

    public async Task FollowAsync(Action<string> onRow, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);

""" + body + """
    }
}

""";

        [Fact]
        public async Task DapperListenAfterTheHistoryLoop_MovesAboveTheLoopWithItsHandler()
        {
            await Verify.VerifyCodeFixAsync(Feed("""
        // the history
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        // then the changes
        conn.Notification += (_, e) => onRow(e.Payload);
        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|}; // one channel
        await conn.WaitAsync(ct);

"""), Feed("""
        // then the changes
        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.ExecuteAsync("LISTEN outbox_changed"); // one channel
        // the history
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        await conn.WaitAsync(ct);

"""));
        }

        [Fact]
        public async Task ListenCommandWithTheHandlerBetween_MovesHandlerCommandAndListenInTheirOrder()
        {
            await Verify.VerifyCodeFixAsync(Feed("""
        var rows = await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id");
        foreach (var row in rows)
        {
            onRow(row);
        }

        conn.Notification += OnNotification;
        await using var listen = new NpgsqlCommand("LISTEN outbox_changed", conn);
        await {|RACE003:listen.ExecuteNonQueryAsync(ct)|};
        await conn.WaitAsync(ct);

        void OnNotification(object sender, NpgsqlNotificationEventArgs e) => onRow(e.Payload);

"""), Feed("""
        conn.Notification += OnNotification;
        await using var listen = new NpgsqlCommand("LISTEN outbox_changed", conn);
        await listen.ExecuteNonQueryAsync(ct);
        var rows = await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id");
        foreach (var row in rows)
        {
            onRow(row);
        }

        await conn.WaitAsync(ct);

        void OnNotification(object sender, NpgsqlNotificationEventArgs e) => onRow(e.Payload);

"""));
        }

        [Fact]
        public async Task HandlerAttachedRightAfterTheListen_MovesWithIt()
        {
            await Verify.VerifyCodeFixAsync(Feed("""
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|};
        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.WaitAsync(ct);

"""), Feed("""
        await conn.ExecuteAsync("LISTEN outbox_changed");
        conn.Notification += (_, e) => onRow(e.Payload);
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        await conn.WaitAsync(ct);

"""));
        }

        [Fact]
        public async Task HandlerThatUsesWhatTheReadReturned_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Feed("""
        var rows = (await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id")).ToList();
        rows.ForEach(onRow);
        conn.Notification += (_, e) => { if (!rows.Contains(e.Payload)) onRow(e.Payload); };
        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|};
        await conn.WaitAsync(ct);

"""));
        }

        [Fact]
        public async Task HandlerOnAnotherConnectionThanTheListen_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Feed("""
        await using var other = await _db.OpenConnectionAsync(ct);
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        other.Notification += (_, e) => onRow(e.Payload);
        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|};
        await other.WaitAsync(ct);

"""));
        }

        [Fact]
        public async Task HandlerAttachedInsideTheHistoryLoop_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Feed("""
        var attached = false;
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
            if (!attached)
            {
                conn.Notification += (_, e) => onRow(e.Payload);
                attached = true;
            }
        }

        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|};
        await conn.WaitAsync(ct);

"""));
        }

        [Fact]
        public async Task HandlerAttachedAfterOtherWorkThatFollowsTheListen_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Feed("""
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        await {|RACE003:conn.ExecuteAsync("LISTEN outbox_changed")|};
        onRow("listening");
        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.WaitAsync(ct);

"""));
        }
    }
}
