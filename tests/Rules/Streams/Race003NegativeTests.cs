using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>Look-alikes of RACE003 that are correct: each one a false positive prevented.</summary>
    public sealed class Race003NegativeTests
    {
        private static string Method(string parameters, string body) => ChatCode.Usings + """
using Confluent.Kafka;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

public sealed class Session
{
    public async Task Open(
""" + parameters + """
)
    {

""" + body + """

    }
}

""";

        [Fact]
        public async Task CaseStudyFixed_SubscribeFirst_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(ChatCode.Handler("""
        await SendWelcomeAsync(ws, sessionId);
        await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));
        await SendChatHistoryAsync(ws, sessionId);
"""));
        }

        [Fact]
        public async Task DurableKafkaSubscribe_AfterRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, IConsumer<string, string> consumer, string topic", """

        var offset = await db.StringGetAsync("offset:" + topic);
        consumer.Subscribe(topic);
"""));
        }

        [Fact]
        public async Task RabbitMqDurableQueueConsume_AfterRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, IChannel channel, string queue", """

        var state = await db.StringGetAsync("state:" + queue);
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer: new AsyncEventingBasicConsumer(channel));
"""));
        }

        [Fact]
        public async Task RedisStreamReadFromSavedId_AfterRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, string id", """

        var lastSeen = await db.StringGetAsync("cursor:" + id);
        var entries = await db.StreamReadAsync("events:" + id, lastSeen.IsNull ? "0-0" : (string)lastSeen!);
"""));
        }

        [Fact]
        public async Task ReadAndSubscribeOnExclusiveBranches_AreClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id, bool live", """

        if (live)
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id));
        }
        else
        {
            await db.ListRangeAsync("history:" + id);
        }
"""));
        }

        [Fact]
        public async Task UnrelatedGlobalSettingRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id", """

        var banner = await db.StringGetAsync("settings:banner");
        await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id));
"""));
        }

        [Fact]
        public async Task ReadOfAnotherEntityPassingTheSameServices_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(ChatCode.Usings + """

public sealed class Settings { public string BannerKey { get; set; } = ""; public string ChannelPrefix { get; set; } = ""; }

public sealed class Session
{
    private readonly Settings _settings = new Settings();

    public async Task Open(IDatabase db, ISubscriber subscriber, WebSocket ws, string id, CancellationToken ct)
    {
        var banner = await db.StringGetAsync(_settings.BannerKey);
        await ws.SendAsync(new ArraySegment<byte>(new byte[1]), WebSocketMessageType.Text, true, ct);
        await subscriber.SubscribeAsync(RedisChannel.Literal(_settings.ChannelPrefix + id));
    }
}

""");
        }

        [Fact]
        public async Task PublishThenWrite_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id, string chunk", """

        await subscriber.PublishAsync(RedisChannel.Literal("live:" + id), chunk);
        await db.ListRightPushAsync("history:" + id, chunk);
"""));
        }

        [Fact]
        public async Task SubscribeFirstInsideAReconnectLoop_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id, CancellationToken ct", """

        while (!ct.IsCancellationRequested)
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id));
            var history = await db.ListRangeAsync("history:" + id);
            await Task.Delay(1000, ct);
            await subscriber.UnsubscribeAsync(RedisChannel.Literal("live:" + id));
        }
"""));
        }

        [Fact]
        public async Task ReadInsideTheSubscriptionHandler_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Method("IDatabase db, ISubscriber subscriber, string id", """

        await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) =>
        {
            var state = db.StringGet("state:" + id);
        });
"""));
        }

        [Fact]
        public async Task CompilationWithoutSubscriptionApis_IsNotAnalyzed()
        {
            await Verify.VerifyAnalyzerAsync(Code.Method("""

        _handler.Process(msg);
"""));
        }
    }
}
