namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>In-house types of the message-queue case study; the only hand-written APIs tests compile against.</summary>
    internal static class InHouseApis
    {
        public const string MessageQueue = """

namespace Broker
{
    public sealed class Connection { public void Send(byte[] payload) { } public string Id => "c"; }
    public sealed class ConnectionPool
    {
        public Connection GetConnection() => new Connection();
        public void ReturnConnection(Connection connection) { }
    }
    public sealed class Message
    {
        public string Id => "m";
        public void Acknowledge() { }
        public void Nack() { }
    }
    public interface IMessageHandler { void Process(Message message); }
    public interface IAppLogger { void Info(string text); }
}

""";
    }
}
