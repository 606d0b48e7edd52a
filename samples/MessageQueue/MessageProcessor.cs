using System;

namespace MessageQueue
{
    /// <summary>The handler as it was when 0.1% of messages went missing under load.</summary>
    public sealed class MessageProcessor
    {
        private readonly ConnectionPool _pool;
        private readonly IMessageHandler _handler;

        public MessageProcessor(ConnectionPool pool, IMessageHandler handler)
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
                _pool.ReturnConnection(conn); // RACE001: returned before msg.Acknowledge()
                msg.Acknowledge();
            }
            catch (Exception)
            {
                msg.Nack();
                throw;
            }
        }
    }
}
