using System.Threading.Tasks;
using StackExchange.Redis;

namespace ChatStreaming
{
    public interface IStreamCallback
    {
        Task OnChunkAsync(string chunk);
    }

    /// <summary>Forwards live chunks from Redis Pub/Sub. Pub/Sub stores nothing: a chunk published with no subscriber is gone.</summary>
    public sealed class StreamingOrchestrator
    {
        private readonly ISubscriber _subscriber;

        public StreamingOrchestrator(ISubscriber subscriber) => _subscriber = subscriber;

        public async Task StartStreamingSessionAsync(string sessionId, string userId, IStreamCallback callback)
        {
            var channel = RedisChannel.Literal("chat:stream:" + sessionId);
            await _subscriber.SubscribeAsync(channel, (source, chunk) => callback.OnChunkAsync(chunk!));
        }
    }
}
