using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE003 on a real PostgreSQL (RACE_PG_CONNECTION), in the held-out <c>ChangeFeed.FollowLateAsync</c> shape: a
    /// follower reads the outbox (the read is a <c>foreach</c>'s collection), hands each row to its sink, then attaches
    /// the <c>NpgsqlConnection.Notification</c> handler and runs LISTEN (through Dapper, or an ADO.NET command), and
    /// waits for notifications. Row 7 is inserted and NOTIFY'd in the window, held open through a dependency the
    /// follower calls: the sink, while it takes history row 6, or the outbox relation, while the history query runs.
    /// Before the fix row 7 reaches the follower neither way (nor when only the LISTEN moves, for the second window);
    /// after the fixer's rewrite (handler and LISTEN moved above the read) rows 1–7 each arrive exactly once.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race003ListenHandlerProofTests
    {
        private const string Header = """
using System;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class ChangeFeed
{
    private readonly NpgsqlDataSource _db;

    public ChangeFeed(NpgsqlDataSource db) => _db = db;

    public async Task FollowLateAsync(Action<string> onRow, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);

""";

        private const string Footer = """
        while (true)
        {
            await conn.WaitAsync(ct);
        }
    }
}

""";

        private const string DapperListen = Header + """
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM changefeed_outbox ORDER BY id"))
        {
            onRow(row);
        }

        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.ExecuteAsync("LISTEN CHANNEL");
""" + Footer;

        private const string CommandListen = Header + """
        var rows = await conn.QueryAsync<string>("SELECT body FROM changefeed_outbox ORDER BY id");
        foreach (var row in rows)
        {
            onRow(row);
        }

        conn.Notification += (_, e) => onRow(e.Payload);
        await using var listen = new NpgsqlCommand("LISTEN CHANNEL", conn);
        await listen.ExecuteNonQueryAsync(ct);
""" + Footer;

        /// <summary>What a fix moving only the LISTEN would write: the handler is still attached after the read.</summary>
        private const string ListenMovedAlone = Header + """
        await conn.ExecuteAsync("LISTEN CHANNEL");
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM changefeed_outbox ORDER BY id"))
        {
            onRow(row);
        }

        conn.Notification += (_, e) => onRow(e.Payload);
""" + Footer;

        private enum Window
        {
            /// <summary>Row 7 is inserted and notified while the sink takes history row 6.</summary>
            WhileTheSinkTakesTheHistory,

            /// <summary>
            /// Row 7 is inserted and notified while the history query runs: the outbox is a view that waits for an
            /// advisory lock the test holds, and the query's snapshot was taken before row 7 was committed.
            /// </summary>
            WhileTheHistoryQueryRuns,
        }

        [Theory]
        [InlineData(nameof(DapperListen))]
        [InlineData(nameof(CommandListen))]
        public async Task RowNotifiedWhileTheHistoryIsSent_IsLostBeforeTheFix_AndArrivesExactlyOnceAfter(string follower)
        {
            var (source, channel) = Follower(follower == nameof(DapperListen) ? DapperListen : CommandListen);
            var fixedSource = await FixedSourceAsync(source);

            var before = await Follow(source, channel, Window.WhileTheSinkTakesTheHistory);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, before.Where(row => row != 8).OrderBy(row => row));

            var after = await Follow(fixedSource, channel, Window.WhileTheSinkTakesTheHistory);
            Assert.Equal(Enumerable.Range(1, 7), after.Where(row => row != 8).OrderBy(row => row));
        }

        /// <summary>Npgsql raises Notification while the history query reads: a LISTEN moved without its handler loses what arrives then.</summary>
        [Fact]
        public async Task RowNotifiedWhileTheHistoryQueryRuns_IsLostWhenOnlyTheListenMoves_AndArrivesExactlyOnceWithTheFix()
        {
            var (source, channel) = Follower(DapperListen);
            var fixedSource = await FixedSourceAsync(source);

            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, (await Follow(source, channel, Window.WhileTheHistoryQueryRuns)).Where(row => row != 8).OrderBy(row => row));
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, (await Follow(ListenMovedAlone.Replace("CHANNEL", channel), channel, Window.WhileTheHistoryQueryRuns)).Where(row => row != 8).OrderBy(row => row));
            Assert.Equal(Enumerable.Range(1, 7), (await Follow(fixedSource, channel, Window.WhileTheHistoryQueryRuns)).Where(row => row != 8).OrderBy(row => row));
        }

        private static (string Source, string Channel) Follower(string template)
        {
            var channel = "race_changefeed_" + Guid.NewGuid().ToString("N").Substring(0, 12);
            return (template.Replace("CHANNEL", channel), channel);
        }

        /// <summary>The fixer's own output, checked to have moved the handler and the LISTEN above the read.</summary>
        private static async Task<string> FixedSourceAsync(string source)
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(source);
            var read = fixedSource.IndexOf("QueryAsync<string>", StringComparison.Ordinal);
            Assert.True(fixedSource.IndexOf("conn.Notification +=", StringComparison.Ordinal) < read && fixedSource.IndexOf("LISTEN", StringComparison.Ordinal) < read, fixedSource);
            return fixedSource;
        }

        /// <summary>
        /// Rows 1–6 in the outbox; 7 inserted and notified in the <paramref name="window"/>; then 8 notified every 50 ms
        /// until it arrives (so the follower is listening). Returns every row the sink got, duplicates kept.
        /// </summary>
        private static async Task<int[]> Follow(string source, string channel, Window window)
        {
            var type = InMemoryAssembly.Compile(source).GetType("ChangeFeed")!;
            var key = Random.Shared.Next(1, int.MaxValue);
            await using var schema = await ThrowawaySchema.CreateAsync($$"""
CREATE TABLE changefeed_rows (id serial PRIMARY KEY, body text NOT NULL);
INSERT INTO changefeed_rows (body) SELECT g::text FROM generate_series(1, 6) g;
CREATE FUNCTION changefeed_gate() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared({{key}}, 1); RETURN true; END $$;
CREATE VIEW changefeed_outbox AS SELECT id, body FROM changefeed_rows WHERE changefeed_gate();
""");
            var received = new ConcurrentQueue<string>();
            var published = 0;
            void PublishRowSeven()
            {
                using var notify = schema.Source.CreateCommand($"INSERT INTO changefeed_rows (body) VALUES ('7'); NOTIFY {channel}, '7'");
                notify.ExecuteNonQuery();
            }

            void OnRow(string body)
            {
                received.Enqueue(body);
                if (window == Window.WhileTheSinkTakesTheHistory && body == "6" && Interlocked.Exchange(ref published, 1) == 0)
                {
                    PublishRowSeven();
                }
            }

            await using var holder = await schema.Source.OpenConnectionAsync();
            if (window == Window.WhileTheHistoryQueryRuns)
            {
                await RunAsync(holder, $"SELECT pg_advisory_lock({key}, 1)");
            }

            var feed = Activator.CreateInstance(type, schema.Source)!;
            using var stop = new CancellationTokenSource();
            var follow = (Task)type.GetMethod("FollowLateAsync")!.Invoke(feed, new object[] { new Action<string>(OnRow), stop.Token })!;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            if (window == Window.WhileTheHistoryQueryRuns)
            {
                while (await schema.IntAsync($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = {key} AND objid = 1 AND NOT granted") == 0)
                {
                    Assert.True(DateTime.UtcNow < deadline && !follow.IsCompleted, "the history query never reached the gate: " + follow.Exception);
                    await Task.Delay(20);
                }

                PublishRowSeven();
                await RunAsync(holder, $"SELECT pg_advisory_unlock({key}, 1)");
            }

            while (!received.Contains("8") && !follow.IsCompleted && DateTime.UtcNow < deadline)
            {
                await schema.ExecuteAsync($"NOTIFY {channel}, '8'");
                await Task.Delay(50);
            }

            Assert.True(received.Contains("8"), "the follower never listened: " + (follow.Exception?.ToString() ?? "no row 8 within 10 s"));
            // The follower waits for notifications until it is stopped; it ends by its cancellation (or a broken wait).
            stop.Cancel();
            await Task.WhenAny(follow, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(follow.IsCompleted, "the follower did not stop");
            _ = follow.Exception;
            return received.Select(int.Parse).ToArray();
        }

        private static async Task RunAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
