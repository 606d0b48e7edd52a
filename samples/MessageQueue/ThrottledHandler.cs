using System.Threading;
using System.Threading.Tasks;

namespace MessageQueue
{
    /// <summary>Limits concurrent handlers with a semaphore; both ways of getting the release wrong.</summary>
    public sealed class ThrottledHandler
    {
        private readonly SemaphoreSlim _slots = new SemaphoreSlim(8);
        private readonly ConnectionPool _pool;
        private readonly IMessageHandler _handler;

        public ThrottledHandler(ConnectionPool pool, IMessageHandler handler)
        {
            _pool = pool;
            _handler = handler;
        }

        /// <summary>A poison message throws in Process: the slot and the connection are never given back.</summary>
        public async Task HandleAsync(Message msg, CancellationToken ct)
        {
            await _slots.WaitAsync(ct);
            var conn = _pool.GetConnection();
            conn.Owner = msg.Id;
            _handler.Process(msg);
            msg.Acknowledge();
            _pool.ReturnConnection(conn); // RACE002: skipped when Process throws
            _slots.Release(); // RACE002: skipped when Process throws
        }

        /// <summary>A cancelled wait still runs the finally, releasing a slot it never took.</summary>
        public async Task HandleWithTimeoutAsync(Message msg, CancellationToken ct)
        {
            try
            {
                await _slots.WaitAsync(ct); // RACE002: acquired inside the try that releases
                _handler.Process(msg);
                msg.Acknowledge();
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}
