using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer, RaceAnalyzers.CodeFixes.Streams.SubscribeFirstFixer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>RACE003: the chat-streaming case study, directly and through calls, and the subscribe-first fix.</summary>
    public sealed class Race003Tests
    {
        [Fact]
        public async Task CaseStudy_HistoryTwoCallsDown_IsFlaggedAtTheStreamingStartAndFixed()
        {
            var source = ChatCode.Handler("""
        await SendWelcomeAsync(ws, sessionId);
        await {|#1:SendChatHistoryAsync(ws, sessionId)|};
        await {|#0:_orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws))|};
""", markHistoryRead: true);
            var fixedSource = ChatCode.Handler("""
        await SendWelcomeAsync(ws, sessionId);
        await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));
        await SendChatHistoryAsync(ws, sessionId);
""");
            await Verify.VerifyCodeFixAsync(source, fixedSource, null,
                Verify.Diagnostic("RACE003").WithLocation(0).WithArguments("chat:stream:…", "SendChatHistoryAsync(ws, sessionId)", "45").WithLocation(1).WithLocation(2));
        }

        [Fact]
        public async Task Direct_ReadThenSubscribe_IsFlaggedAndFixed()
        {
            static string Body(string lines) => ChatCode.Usings + """

public sealed class Feed
{
    public async Task Open(IDatabase db, ISubscriber subscriber, string roomId, Action<RedisValue> send)
    {

""" + lines + """

    }
}

""";
            await Verify.VerifyCodeFixAsync(Body("""
        // replay what was said so far
        var history = await db.ListRangeAsync("room:history:" + roomId);
        foreach (var line in history)
        {
            send(line);
        }

        // then follow live
        await {|RACE003:subscriber.SubscribeAsync(RedisChannel.Literal("room:live:" + roomId), (_, message) => send(message))|};
"""),
                Body("""
        // then follow live
        await subscriber.SubscribeAsync(RedisChannel.Literal("room:live:" + roomId), (_, message) => send(message));
        // replay what was said so far
        var history = await db.ListRangeAsync("room:history:" + roomId);
        foreach (var line in history)
        {
            send(line);
        }
"""));
        }

        private static string Chain(int depth, string extraConfig = "") => ChatCode.Usings + """

public sealed class Deep
{
    private readonly IDatabase _db;
    private readonly ISubscriber _sub;
    public Deep(IDatabase db, ISubscriber sub) { _db = db; _sub = sub; }

    public async Task Connect(string id)
    {
        await Level1(id);
        await MARK_sub.SubscribeAsync(RedisChannel.Literal("live:" + id))END;
    }

    private Task Level1(string id) => 
""" + (depth == 1 ? "_db.StringGetAsync(\"state:\" + id)" : "Level2(id)") + """
;
    private Task Level2(string id) => 
""" + (depth == 2 ? "_db.StringGetAsync(\"state:\" + id)" : "Level3(id)") + """
;
    private Task Level3(string id) => 
""" + (depth == 3 ? "_db.StringGetAsync(\"state:\" + id)" : "Level4(id)") + """
;
    private Task Level4(string id) => _db.StringGetAsync("state:" + id);
}

""";

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public async Task ReadUpToThreeCallsDown_IsFlaggedByDefault(int depth)
        {
            await Verify.VerifyAnalyzerAsync(Chain(depth).Replace("MARK", "{|RACE003:").Replace("END", "|}"));
        }

        [Fact]
        public async Task ReadFourCallsDown_IsNotFollowedByDefault()
        {
            await Verify.VerifyAnalyzerAsync(Chain(4).Replace("MARK", "").Replace("END", ""));
        }

        [Fact]
        public async Task ReadFourCallsDown_IsFollowedWithMaxCallDepthFour()
        {
            await Verify.VerifyAnalyzerAsync(Chain(4).Replace("MARK", "{|RACE003:").Replace("END", "|}"), "race_analyzers.max_call_depth = 4\n");
        }

        [Fact]
        public async Task RecursiveHelpers_DoNotLoop()
        {
            await Verify.VerifyAnalyzerAsync(ChatCode.Usings + """

public sealed class Loop
{
    private readonly IDatabase _db;
    private readonly ISubscriber _sub;
    public Loop(IDatabase db, ISubscriber sub) { _db = db; _sub = sub; }

    public async Task Connect(string id, int n)
    {
        await Ping(id, n);
        await {|RACE003:_sub.SubscribeAsync(RedisChannel.Literal("live:" + id))|};
    }

    private async Task Ping(string id, int n) { if (n > 0) await Pong(id, n - 1); else await _db.HashGetAllAsync("h:" + id); }
    private async Task Pong(string id, int n) { await Ping(id, n); }
}

""");
        }
    }
}
