using System;

namespace MessageQueue
{
    /// <summary>The fix from the incident review: ack first, return the connection in finally. No warnings.</summary>
    public sealed class FixedMessageProcessor
    {
        private readonly ConnectionPool _pool;
        private readonly IMessageHandler _handler;

        public FixedMessageProcessor(ConnectionPool pool, IMessageHandler handler)
        {
            _pool = pool;
            _handler = handler;
        }

        public void ProcessMessage(Message msg)
        {
            var conn = _pool.GetConnection();
            try
            {
                _handler.Process(msg);
                msg.Acknowledge();
            }
            catch (Exception)
            {
                msg.Nack();
                throw;
            }
            finally
            {
                _pool.ReturnConnection(conn);
            }
        }
    }
}
