using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// Acks through the project's own wrapper (seen in a real fixed bug: a RabbitMQ model wrapper whose BasicAck and
    /// BasicPublish delegate to the channel): a call named as a commit whose body acks is the caller's own commit,
    /// and so is an in-house abstraction without a body named Ack/Complete/Settle and given the delivery. A wrapper
    /// named Ack that acks nothing, and an ack after the write, stay quiet.
    /// </summary>
    public sealed class Race006WrapperTests
    {
        private const string Wrapper = """

public sealed record Delivery(ulong Tag, string Key, byte[] Body);

public interface IChannelWrapper
{
    void BasicAck(ulong deliveryTag);
    void BasicPublish(string routingKey, byte[] body);
}

public sealed class ChannelWrapper : IChannelWrapper
{
    private readonly IChannel _channel;
    public ChannelWrapper(IChannel channel) => _channel = channel;
    public void BasicAck(ulong deliveryTag) => _channel.BasicAckAsync(deliveryTag, false).AsTask().GetAwaiter().GetResult();
    public void BasicPublish(string routingKey, byte[] body) => _channel.BasicPublishAsync("", routingKey, body).AsTask().GetAwaiter().GetResult();
}

public interface ISettlement
{
    Task AckAsync(Delivery delivery);
}

public sealed class Republisher
{
    private readonly IChannelWrapper _channel;
    private readonly NpgsqlConnection _db;
    private readonly ISettlement _settlement;

    public Republisher(IChannelWrapper channel, NpgsqlConnection db, ISettlement settlement)
    {
        _channel = channel;
        _db = db;
        _settlement = settlement;
    }

""";

        private static string Code(string body) => DeliveryCode.Usings + Wrapper + """
    public async Task HandleAsync(Delivery delivery)
    {
""" + body + """

    }
}
""";

        [Fact]
        public async Task AckThroughTheWrapper_BeforeTheRepublish_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code("""
        {|RACE006:_channel.BasicAck(delivery.Tag)|};
        _channel.BasicPublish(delivery.Key, delivery.Body);
        await Task.CompletedTask;
"""));
        }

        [Fact]
        public async Task AckByAnInHouseAbstraction_BeforeTheInsert_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Code("""
        {|RACE006:await _settlement.AckAsync(delivery)|};
        await _db.ExecuteAsync("INSERT INTO seen(key) VALUES (@key)", new { key = delivery.Key });
""").Replace("{|RACE006:await _settlement.AckAsync(delivery)|}", "await {|RACE006:_settlement.AckAsync(delivery)|}"));
        }

        [Fact]
        public async Task AckThroughTheWrapper_AfterTheRepublish_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code("""
        _channel.BasicPublish(delivery.Key, delivery.Body);
        _channel.BasicAck(delivery.Tag);
        await Task.CompletedTask;
"""));
        }

        [Fact]
        public async Task AMethodNamedAckThatAcksNothing_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Code("""
        Acknowledge(delivery.Key);
        _channel.BasicPublish(delivery.Key, delivery.Body);
        await Task.CompletedTask;
    }

    private void Acknowledge(string key)
    {
        Console.WriteLine("seen " + key);
"""));
        }
    }
}
