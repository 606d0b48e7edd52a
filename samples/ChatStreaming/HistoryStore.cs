using System.Threading.Tasks;
using StackExchange.Redis;

namespace ChatStreaming
{
    /// <summary>Chat history in a Redis list: the AI service appends each chunk after publishing it.</summary>
    public sealed class HistoryStore
    {
        private readonly IDatabase _db;

        public HistoryStore(IDatabase db) => _db = db;

        public async Task<RedisValue[]> GetHistoryAsync(string sessionId)
            => await _db.ListRangeAsync("chat:history:" + sessionId);
    }
}
