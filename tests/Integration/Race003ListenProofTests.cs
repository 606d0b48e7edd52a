using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE003 on a real PostgreSQL (RACE_PG_CONNECTION): a follower reads the outbox with Dapper, sends each row,
    /// then runs LISTEN through an ADO.NET NpgsqlCommand on the same connection. Row 7 is inserted and NOTIFY'd while
    /// the snapshot is being sent (the window, held open through the send dependency the follower calls). Before the
    /// fix row 7 reaches the follower neither way; after the fixer's rewrite (the command and its LISTEN moved above
    /// the read) it arrives.
    /// </summary>
    [Trait("Category", "PostgreSQL")]
    public sealed class Race003ListenProofTests
    {
        private const string Channel = "race_fixout_outbox_changed";

        private const string Follower = """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public static class OutboxFollower
{
    public static async Task FollowAsync(NpgsqlConnection connection, Action<string> onRow, Func<Task> afterSnapshot)
    {
        connection.Notification += (_, e) => onRow(e.Payload);
        var rows = await connection.QueryAsync<string>("SELECT body FROM outbox ORDER BY id");
        foreach (var row in rows)
        {
            onRow(row);
        }

        await afterSnapshot();
        await using var listen = new NpgsqlCommand("LISTEN race_fixout_outbox_changed", connection);
        await listen.ExecuteNonQueryAsync();
    }
}

""";

        [Fact]
        public async Task RowNotifiedWhileTheSnapshotIsSent_IsLostBeforeTheFix_AndArrivesAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(Follower);
            Assert.True(fixedSource.IndexOf("ExecuteNonQueryAsync", StringComparison.Ordinal) < fixedSource.IndexOf("QueryAsync<string>", StringComparison.Ordinal), fixedSource);
            Assert.Contains("await using var listen = new NpgsqlCommand(", fixedSource);

            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 8 }, await Follow(Follower));
            Assert.Equal(Enumerable.Range(1, 8), await Follow(fixedSource));
        }

        /// <summary>Rows 1–6 in the outbox, 7 inserted and notified during the follow, 8 notified after it; returns the distinct rows received.</summary>
        private static async Task<int[]> Follow(string source)
        {
            await using var schema = await ThrowawaySchema.CreateAsync("""
CREATE TABLE outbox (id serial PRIMARY KEY, body text NOT NULL);
INSERT INTO outbox (body) SELECT g::text FROM generate_series(1, 6) g;
""");
            var received = new ConcurrentQueue<string>();
            var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnRow(string body)
            {
                received.Enqueue(body);
                if (body == "8")
                {
                    last.TrySetResult();
                }
            }

            async Task RowSevenArrives()
            {
                await schema.ExecuteAsync($"INSERT INTO outbox (body) VALUES ('7'); NOTIFY {Channel}, '7'");
            }

            await using var connection = await schema.Source.OpenConnectionAsync();
            var follow = InMemoryAssembly.Compile(source).GetType("OutboxFollower")!.GetMethod("FollowAsync")!;
            await (Task)follow.Invoke(null, new object[] { connection, new Action<string>(OnRow), new Func<Task>(RowSevenArrives) })!;
            await schema.ExecuteAsync($"NOTIFY {Channel}, '8'");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!last.Task.IsCompleted && DateTime.UtcNow < deadline)
            {
                await connection.WaitAsync(TimeSpan.FromMilliseconds(200));
            }

            Assert.True(last.Task.IsCompleted, "the notification sent after the follow never arrived");
            return received.Select(int.Parse).Distinct().OrderBy(row => row).ToArray();
        }
    }
}
