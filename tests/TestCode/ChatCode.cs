namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>The chat-streaming case study's pieces, on StackExchange.Redis's real API.</summary>
    internal static class ChatCode
    {
        public const string Usings = """
using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

""";

        /// <summary>History store (reads at depth 0 in GetHistoryAsync) and orchestrator (subscribes at depth 0).</summary>
        public const string Services = """

public sealed class HistoryStore
{
    private readonly IDatabase _db;
    public HistoryStore(IDatabase db) => _db = db;
    public async Task<RedisValue[]> GetHistoryAsync(string sessionId) => await _db.ListRangeAsync("chat:history:" + sessionId);
}

public sealed class SocketCallback
{
    public SocketCallback(WebSocket socket) { }
    public void OnChunk(RedisValue chunk) { }
}

public sealed class StreamingOrchestrator
{
    private readonly ISubscriber _subscriber;
    public StreamingOrchestrator(ISubscriber subscriber) => _subscriber = subscriber;
    public async Task StartStreamingSessionAsync(string sessionId, string userId, SocketCallback callback)
    {
        await _subscriber.SubscribeAsync(RedisChannel.Literal("chat:stream:" + sessionId), (channel, message) => callback.OnChunk(message));
    }
}

""";

        /// <summary>The WebSocket handler with <paramref name="onConnectedBody"/> as the body of OnConnectedAsync.</summary>
        public static string Handler(string onConnectedBody, bool markHistoryRead = false) => Usings
            + (markHistoryRead ? Services.Replace("await _db.ListRangeAsync(\"chat:history:\" + sessionId)", "await {|#2:_db.ListRangeAsync(\"chat:history:\" + sessionId)|}") : Services) + """

public sealed class ChatHandler
{
    private readonly HistoryStore _history;
    private readonly StreamingOrchestrator _orchestrator;

    public ChatHandler(HistoryStore history, StreamingOrchestrator orchestrator)
    {
        _history = history;
        _orchestrator = orchestrator;
    }

    public async Task OnConnectedAsync(WebSocket ws, string sessionId, string userId)
    {

""" + onConnectedBody + """

    }

    private Task SendWelcomeAsync(WebSocket ws, string sessionId) => Task.CompletedTask;

    private async Task SendChatHistoryAsync(WebSocket ws, string sessionId)
    {
        var history = await _history.GetHistoryAsync(sessionId);
        foreach (var item in history)
        {
            await ws.SendAsync(new ArraySegment<byte>((byte[])item!), WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }
}

""";
    }
}
