using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using StackExchange.Redis;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// RACE003 on a real Redis server (started by .ci/run): the chat-streaming incident. A reconnecting client
    /// reads the history (LRANGE), sends it, and subscribes to the live channel. Chunk 7 is appended to the
    /// history and published while the history is being sent (the window, made deterministic through the send
    /// dependency the handler calls). Before the fix chunk 7 reaches the client neither way; after the fixer's
    /// rewrite (subscribe first, then read) it arrives.
    /// </summary>
    [Trait("Category", "Redis")]
    public sealed class Race003ProofTests : IAsyncLifetime
    {
        private const string ResumeHandler = """
using System;
using System.Threading.Tasks;
using StackExchange.Redis;

public static class ChatResume
{
    public static async Task ResumeAsync(IConnectionMultiplexer redis, string sessionId, Action<string> send, Func<Task> afterHistory)
    {
        var db = redis.GetDatabase();
        var history = await db.ListRangeAsync("chat:history:" + sessionId);
        foreach (var chunk in history)
        {
            send(chunk!);
        }

        await afterHistory();
        var bus = redis.GetSubscriber();
        await bus.SubscribeAsync(RedisChannel.Literal("chat:live:" + sessionId), (_, chunk) => send(chunk!));
    }
}

""";

        private ConnectionMultiplexer _redis = null!;

        public async Task InitializeAsync()
        {
            var configuration = Environment.GetEnvironmentVariable("RACE_REDIS");
            Assert.False(string.IsNullOrEmpty(configuration), "RACE_REDIS is not set: run the tests through `bash .ci/run`, which starts a throwaway Redis.");
            _redis = await ConnectionMultiplexer.ConnectAsync(configuration!);
        }

        public async Task DisposeAsync()
        {
            if (_redis != null)
            {
                await _redis.DisposeAsync();
            }
        }

        [Fact]
        public async Task ChunkPublishedWhileTheHistoryIsSent_IsLostBeforeTheFix_AndArrivesAfter()
        {
            var fixedSource = await FixerOutput.FixedSourceAsync(ResumeHandler);
            Assert.True(fixedSource.IndexOf("SubscribeAsync", StringComparison.Ordinal) < fixedSource.IndexOf("ListRangeAsync", StringComparison.Ordinal), fixedSource);

            var before = await Resume(ResumeHandler);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 8 }, before);

            var after = await Resume(fixedSource);
            Assert.Equal(Enumerable.Range(1, 8), after);
        }

        /// <summary>Chunks 1–6 in the history, 7 appended and published during the resume, 8 published after it; returns the distinct chunks received.</summary>
        private async Task<int[]> Resume(string source)
        {
            var session = Guid.NewGuid().ToString("N");
            var db = _redis.GetDatabase();
            var live = RedisChannel.Literal("chat:live:" + session);
            for (var chunk = 1; chunk <= 6; chunk++)
            {
                await db.ListRightPushAsync("chat:history:" + session, chunk);
            }

            var received = new ConcurrentQueue<string>();
            var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Send(string chunk)
            {
                received.Enqueue(chunk);
                if (chunk == "8")
                {
                    last.TrySetResult();
                }
            }

            async Task ChunkSevenArrives()
            {
                await db.ListRightPushAsync("chat:history:" + session, 7);
                await _redis.GetSubscriber().PublishAsync(live, 7);
            }

            var resume = InMemoryAssembly.Compile(source).GetType("ChatResume")!.GetMethod("ResumeAsync")!;
            await (Task)resume.Invoke(null, new object[] { _redis, session, new Action<string>(Send), new Func<Task>(ChunkSevenArrives) })!;
            await _redis.GetSubscriber().PublishAsync(live, 8);
            await last.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await _redis.GetSubscriber().UnsubscribeAsync(live);
            await db.KeyDeleteAsync("chat:history:" + session);
            return received.Select(int.Parse).Distinct().OrderBy(c => c).ToArray();
        }
    }
}
