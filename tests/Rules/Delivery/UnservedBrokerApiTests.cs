using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE006/RACE007 on broker APIs whose packages the registry here does not serve (RabbitMQ.Client 6.x,
    /// Azure.Messaging.ServiceBus): the test sources declare stand-ins with the real namespaces, type names and
    /// signatures, which is all the analyzers look at (metadata names). Everything else compiles against real assemblies.
    /// </summary>
    public sealed class UnservedBrokerApiTests
    {
        private const string RabbitMq6 = """

namespace RabbitMQ.Client
{
    // RabbitMQ.Client 6.x: IModel (7.x renamed it IChannel and made it async).
    public interface IModel
    {
        void BasicAck(ulong deliveryTag, bool multiple);
        void BasicNack(ulong deliveryTag, bool multiple, bool requeue);
    }
}

""";

        private const string ServiceBus = """

namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusReceivedMessage { public string MessageId => ""; }
    public class ServiceBusReceiver
    {
        public virtual System.Threading.Tasks.Task CompleteMessageAsync(ServiceBusReceivedMessage message, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
    }
    public class ProcessMessageEventArgs
    {
        public ServiceBusReceivedMessage Message => new ServiceBusReceivedMessage();
        public virtual System.Threading.Tasks.Task CompleteMessageAsync(ServiceBusReceivedMessage message, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
    }
}

""";

        [Fact]
        public async Task RabbitMq6_BasicAckBeforeInsert_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + RabbitMq6 + """

public sealed class LegacyHandler
{
    public void OnDelivery(IModel model, NpgsqlConnection db, ulong deliveryTag, byte[] body)
    {
        {|RACE006:model.BasicAck(deliveryTag, false)|};
        db.Execute("INSERT INTO orders (body) VALUES (@body)", new { body, deliveryTag });
    }
}

""");
        }

        [Fact]
        public async Task ServiceBusProcessor_CompleteInFinally_IsRace007()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + ServiceBus + """

public sealed class Processor
{
    public async Task OnMessage(Azure.Messaging.ServiceBus.ProcessMessageEventArgs args, NpgsqlConnection db)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (id) VALUES (@id)", new { id = args.Message.MessageId });
        }
        finally
        {
            await {|RACE007:args.CompleteMessageAsync(args.Message)|};
        }
    }
}

""");
        }

        [Fact]
        public async Task ServiceBusReceiver_CompleteBeforeWrite_IsFlagged_AndAfterIsClean()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + ServiceBus + """

public sealed class Pump
{
    public async Task Early(Azure.Messaging.ServiceBus.ServiceBusReceiver receiver, Azure.Messaging.ServiceBus.ServiceBusReceivedMessage message, NpgsqlConnection db)
    {
        await {|RACE006:receiver.CompleteMessageAsync(message)|};
        await db.ExecuteAsync("INSERT INTO orders (id) VALUES (@id)", new { id = message.MessageId });
    }

    public async Task Late(Azure.Messaging.ServiceBus.ServiceBusReceiver receiver, Azure.Messaging.ServiceBus.ServiceBusReceivedMessage message, NpgsqlConnection db)
    {
        await db.ExecuteAsync("INSERT INTO orders (id) VALUES (@id)", new { id = message.MessageId });
        await receiver.CompleteMessageAsync(message);
    }
}

""");
        }

        [Fact]
        public async Task EfCoreSaveChangesAndRedisWrite_AfterCommit_AreFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.Usings + """

using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

public sealed class Order { public int Id { get; set; } public string Body { get; set; } = ""; }
public sealed class Orders : DbContext { public DbSet<Order> All => Set<Order>(); }

public sealed class Handler
{
    public async Task Ef(IConsumer<string, string> consumer, Orders orders, ConsumeResult<string, string> result)
    {
        orders.All.Add(new Order { Body = result.Message.Value });
        {|RACE006:consumer.Commit(result)|};
        await orders.SaveChangesAsync();
    }

    public async Task Redis(IConsumer<string, string> consumer, IDatabase redis, ConsumeResult<string, string> result)
    {
        {|RACE006:consumer.Commit(result)|};
        await redis.StringSetAsync("last:" + result.Message.Key, result.Message.Value);
    }
}

""");
        }
    }
}
