using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>RACE003 with the history read behind an interface implemented in the same compilation.</summary>
    public sealed class Race003InterfaceCallTests
    {
        private static string Handler(string body) => ChatCode.Usings + """

public interface IHistory
{
    Task<RedisValue[]> LoadAsync(string sessionId);
}

public sealed class RedisHistory : IHistory
{
    private readonly IDatabase _db;
    public RedisHistory(IDatabase db) => _db = db;
    public Task<RedisValue[]> LoadAsync(string sessionId) => _db.ListRangeAsync("chat:history:" + sessionId);
}

public sealed class ChatSession
{
    private readonly IHistory _history = null!;
    private readonly ISubscriber _subscriber = null!;

    public async Task JoinAsync(string sessionId)
    {
""" + body + """

    }
}
""";

        [Fact]
        public async Task ReadThroughTheInterfaceBeforeSubscribing_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Handler("""
        var history = await _history.LoadAsync(sessionId);
        await {|RACE003:_subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message))|};
"""));
        }

        [Fact]
        public async Task SubscribingBeforeTheReadThroughTheInterface_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Handler("""
        await _subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message));
        var history = await _history.LoadAsync(sessionId);
"""));
        }
    }
}
