using System;
using System.Collections.Concurrent;

namespace MessageQueue
{
    /// <summary>A broker connection. Acks travel over the connection the message was received on.</summary>
    public sealed class Connection
    {
        public Connection(int id) => Id = id;

        public int Id { get; }

        public string? Owner { get; set; }
    }

    /// <summary>The in-house pool of the case study: 100 connections shared by all handler threads.</summary>
    public sealed class ConnectionPool
    {
        private readonly ConcurrentBag<Connection> _idle = new ConcurrentBag<Connection>();
        private int _created;

        public Connection GetConnection()
            => _idle.TryTake(out var connection) ? connection : new Connection(System.Threading.Interlocked.Increment(ref _created));

        public void ReturnConnection(Connection connection)
        {
            connection.Owner = null;
            _idle.Add(connection);
        }
    }

    public sealed class Message
    {
        public Message(string id, Connection receivedOn)
        {
            Id = id;
            ReceivedOn = receivedOn;
        }

        public string Id { get; }

        public Connection ReceivedOn { get; }

        /// <summary>Sends the ack over the connection; silently lost when another handler owns it by then.</summary>
        public void Acknowledge() => Console.WriteLine($"ack {Id} on connection {ReceivedOn.Id}");

        public void Nack() => Console.WriteLine($"nack {Id}");
    }

    public interface IMessageHandler
    {
        void Process(Message message);
    }
}
