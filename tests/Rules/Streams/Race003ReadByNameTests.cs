using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>
    /// RACE003 with the history read through an in-house repository whose implementation is not in the
    /// compilation: a method named as reading (Get, Load, Find, Query, Fetch, List, Read) and given the same key
    /// as the later subscription is the snapshot read.
    /// </summary>
    public sealed class Race003ReadByNameTests
    {
        private static string Session(string body) => ChatCode.Usings + """

public interface IHistoryRepository
{
    Task<string[]> LoadHistoryAsync(string sessionId);
    Task<string[]> LoadProfileAsync(string userId);
    Task RecordVisitAsync(string sessionId);
    Task<string[]> ReplayAsync(string sessionId);
}

public sealed class ChatSession
{
    private readonly IHistoryRepository _history = null!;
    private readonly ISubscriber _subscriber = null!;

    public async Task JoinAsync(string sessionId, string userId)
    {
""" + body + """

    }
}
""";

        [Fact]
        public async Task RepositoryReadOfTheSameKeyBeforeSubscribing_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Session("""
        var history = await _history.LoadHistoryAsync(sessionId);
        await {|RACE003:_subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message))|};
"""));
        }

        [Fact]
        public async Task SubscribingBeforeTheRepositoryRead_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Session("""
        await _subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message));
        var history = await _history.LoadHistoryAsync(sessionId);
"""));
        }

        [Fact]
        public async Task ReadOfAnotherKeyOrACallNotNamedAsReading_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Session("""
        var profile = await _history.LoadProfileAsync(userId);
        await _history.RecordVisitAsync(sessionId);
        await _subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message));
"""));
        }

        [Fact]
        public async Task AWordAddedInEditorConfig_NamesAReading()
        {
            const string replayReads = """
race_analyzers.reading_words = Replay

""";
            await Verify.VerifyAnalyzerAsync(Session("""
        var history = await _history.ReplayAsync(sessionId);
        await {|RACE003:_subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message))|};
"""), replayReads);
        }

        [Fact]
        public async Task WithoutTheWord_ItIsNotAReading()
        {
            await Verify.VerifyAnalyzerAsync(Session("""
        var history = await _history.ReplayAsync(sessionId);
        await _subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (_, message) => Console.WriteLine(message));
"""));
        }
    }
}
