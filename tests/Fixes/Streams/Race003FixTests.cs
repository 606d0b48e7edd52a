using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer, RaceAnalyzers.CodeFixes.Streams.SubscribeFirstFixer>;

namespace RaceAnalyzers.Tests.Fixes.Streams
{
    /// <summary>The subscribe-first fix: where it is offered, where it is not, and Fix All.</summary>
    public sealed class Race003FixTests
    {
        private static string Method(string body) => ChatCode.Usings + """

public sealed class Session
{
    public async Task Open(IDatabase db, ISubscriber subscriber, string id, Action<RedisValue> send)
    {

""" + body + """

    }
}

""";

        [Fact]
        public async Task SubscriptionUsingAValueTheReadProduced_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Method("""

        var last = await db.StringGetAsync("last:" + id);
        var channel = RedisChannel.Literal("live:" + id + ":" + last);
        await {|RACE003:subscriber.SubscribeAsync(channel, (_, message) => send(message))|};
"""));
        }

        [Fact]
        public async Task ReadAndSubscribeInDifferentBlocks_GetNoFix()
        {
            await Verify.VerifyNoFixAsync(Method("""

        if (id.Length > 0)
        {
            await db.ListRangeAsync("history:" + id);
        }

        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) => send(message))|};
"""));
        }

        [Fact]
        public async Task ReadInsideAConditionOfTheBlock_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Method("""

        if ((await db.ListLengthAsync("history:" + id)) > 0 && (await db.ListRangeAsync("history:" + id)).Length > 0)
        {
            send(RedisValue.EmptyString);
        }

        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) => send(message))|};
"""));
        }

        [Fact]
        public async Task FixAll_MovesEverySubscriptionOfTheDocument()
        {
            static string Source(string first, string second) => ChatCode.Usings + """

public sealed class Rooms
{
    public async Task Room(IDatabase db, ISubscriber subscriber, string id, Action<RedisValue> send)
    {

""" + first + """

    }

    public async Task Board(IDatabase db, ISubscriber subscriber, string id, Action<RedisValue> send)
    {

""" + second + """

    }
}

""";
            await Verify.VerifyCodeFixAsync(
                Source("""
        var history = await db.ListRangeAsync("room:" + id);
        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("room-live:" + id), (_, m) => send(m))|};
""",
                    """
        var board = db.HashGetAll("board:" + id);
        var scores = db.SortedSetRangeByRank("scores:" + id);
        {|RACE003:subscriber.Subscribe(RedisChannel.Literal("board-live:" + id), (_, m) => send(m))|};
"""),
                Source("""
        await subscriber.SubscribeAsync(RedisChannel.Literal("room-live:" + id), (_, m) => send(m));
        var history = await db.ListRangeAsync("room:" + id);
""",
                    """
        subscriber.Subscribe(RedisChannel.Literal("board-live:" + id), (_, m) => send(m));
        var board = db.HashGetAll("board:" + id);
        var scores = db.SortedSetRangeByRank("scores:" + id);
"""));
        }
    
        [Fact]
        public async Task SubscriberAndChannelFetchedAfterTheRead_MoveUpWithTheSubscription()
        {
            await Verify.VerifyCodeFixAsync(MultiplexerMethod("""

        var history = await db.ListRangeAsync("chat:" + id);
        foreach (var item in history)
        {
            send(item);
        }

        var bus = redis.GetSubscriber();
        var channel = RedisChannel.Literal("live:" + id);
        await {|RACE003:bus.SubscribeAsync(channel, (_, message) => send(message))|};
"""), MultiplexerMethod("""

        var bus = redis.GetSubscriber();
        var channel = RedisChannel.Literal("live:" + id);
        await bus.SubscribeAsync(channel, (_, message) => send(message));
        var history = await db.ListRangeAsync("chat:" + id);
        foreach (var item in history)
        {
            send(item);
        }
"""));
        }

        [Fact]
        public async Task NullForgivingUsesBetween_AreReads_TheMoveIsOffered()
        {
            await Verify.VerifyCodeFixAsync(MultiplexerMethod("""

        var history = await db.ListRangeAsync("chat:" + id);
        send(id!);
        await {|RACE003:redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) => send(message))|};
"""), MultiplexerMethod("""

        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) => send(message));
        var history = await db.ListRangeAsync("chat:" + id);
        send(id!);
"""));
        }

        [Fact]
        public async Task DeclarationWithAnEffectBetween_IsNotCarried_NoFix()
        {
            await Verify.VerifyNoFixAsync(MultiplexerMethod("""

        var history = await db.ListRangeAsync("chat:" + id);
        var bus = await Connect(redis);
        await {|RACE003:bus.SubscribeAsync(RedisChannel.Literal("live:" + id), (_, message) => send(message))|};
"""));
        }

        private static string MultiplexerMethod(string body) => ChatCode.Usings + """

public sealed class Session
{
    public async Task Open(IConnectionMultiplexer redis, IDatabase db, string id, Action<RedisValue> send)
    {

""" + body + """

    }

    private static Task<ISubscriber> Connect(IConnectionMultiplexer redis) => Task.FromResult(redis.GetSubscriber());
}

""";
    }
}
