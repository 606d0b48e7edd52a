using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ChatStreaming
{
    /// <summary>
    /// The reconnect handler as it was when chunk 7 went missing: history is read and sent, and only then does the
    /// live subscription start. A chunk published in between reaches no one.
    /// </summary>
    public sealed class ChatWebSocketHandler
    {
        private readonly HistoryStore _history;
        private readonly StreamingOrchestrator _orchestrator;

        public ChatWebSocketHandler(HistoryStore history, StreamingOrchestrator orchestrator)
        {
            _history = history;
            _orchestrator = orchestrator;
        }

        public async Task OnConnectedAsync(WebSocket ws, string sessionId, string userId)
        {
            await SendWelcomeAsync(ws, sessionId);
            await SendChatHistoryAsync(ws, sessionId);
            await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws)); // RACE003: subscribes after the history read
        }

        private static Task SendWelcomeAsync(WebSocket ws, string sessionId)
            => SendTextAsync(ws, "welcome to " + sessionId);

        private async Task SendChatHistoryAsync(WebSocket ws, string sessionId)
        {
            foreach (var chunk in await _history.GetHistoryAsync(sessionId))
            {
                await SendTextAsync(ws, chunk!);
            }
        }

        internal static Task SendTextAsync(WebSocket ws, string text)
            => ws.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, CancellationToken.None);

        private sealed class SocketCallback : IStreamCallback
        {
            private readonly WebSocket _ws;

            public SocketCallback(WebSocket ws) => _ws = ws;

            public Task OnChunkAsync(string chunk) => SendTextAsync(_ws, chunk);
        }
    }
}
