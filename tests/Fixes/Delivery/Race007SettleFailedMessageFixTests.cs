using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer, RaceAnalyzers.CodeFixes.Delivery.CommitAfterPersistFixer>;

namespace RaceAnalyzers.Tests.Fixes.Delivery
{
    /// <summary>
    /// RACE007's broker-correct repairs: a catch that swallows a failed write must make the message come again —
    /// Kafka seeks back in a consume loop (rethrows elsewhere), RabbitMQ nacks with requeue, Service Bus abandons.
    /// </summary>
    public sealed class Race007SettleFailedMessageFixTests
    {
        private const string ServiceBus = """

namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusReceivedMessage { public string MessageId => ""; }
    public class ProcessMessageEventArgs
    {
        public ServiceBusReceivedMessage Message => new ServiceBusReceivedMessage();
        public virtual System.Threading.Tasks.Task CompleteMessageAsync(ServiceBusReceivedMessage message, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
        public virtual System.Threading.Tasks.Task AbandonMessageAsync(ServiceBusReceivedMessage message, System.Collections.Generic.IDictionary<string, object>? propertiesToModify = null, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.CompletedTask;
    }
}

""";

        [Fact]
        public async Task KafkaLoop_CommitAlreadyInTheTry_TheCatchSeeksBack()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                {|RACE007:_consumer.Commit(result)|};
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
            }
"""), DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                _consumer.Commit(result);
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
                _consumer.Seek(result.TopicPartitionOffset);
            }
"""));
        }

        [Fact]
        public async Task KafkaLoop_CatchThatContinues_SeeksBackBeforeContinuing()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException)
            {
                continue;
            }

            {|RACE007:_consumer.Commit(result)|};
"""), DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException)
            {
                _consumer.Seek(result.TopicPartitionOffset);
                continue;
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task KafkaHandlerOutsideALoop_CommitMovesIntoTheTry_AndTheCatchRethrows()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.Usings + """
public sealed class Handler
{
    public async Task HandleAsync(IConsumer<string, string> consumer, NpgsqlConnection db, ConsumeResult<string, string> result, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = result.Message.Key });
        }
        catch (NpgsqlException ex)
        {
            log.LogError(ex, "insert failed");
        }
        finally
        {
            {|RACE007:consumer.Commit(result)|};
        }
    }
}
""", DeliveryCode.Usings + """
public sealed class Handler
{
    public async Task HandleAsync(IConsumer<string, string> consumer, NpgsqlConnection db, ConsumeResult<string, string> result, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = result.Message.Key });
            consumer.Commit(result);
        }
        catch (NpgsqlException ex)
        {
            log.LogError(ex, "insert failed");
            throw;
        }
    }
}
""");
        }

        [Fact]
        public async Task ServiceBusCompletionAfterASwallowingCatch_MovesIntoTheTry_AndTheCatchAbandons()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.Usings + ServiceBus + """
public sealed class Handler
{
    public async Task OnMessage(Azure.Messaging.ServiceBus.ProcessMessageEventArgs args, NpgsqlConnection db, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = args.Message.MessageId });
        }
        catch (Exception ex)
        {
            log.LogError(ex, "insert failed");
        }

        await {|RACE007:args.CompleteMessageAsync(args.Message)|};
    }
}
""", DeliveryCode.Usings + ServiceBus + """
public sealed class Handler
{
    public async Task OnMessage(Azure.Messaging.ServiceBus.ProcessMessageEventArgs args, NpgsqlConnection db, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = args.Message.MessageId });
            await args.CompleteMessageAsync(args.Message);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "insert failed");
            await args.AbandonMessageAsync(args.Message);
        }
    }
}
""");
        }

        [Fact]
        public async Task CatchThatAlreadyNacks_IsLeftAsItIs()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.Usings + """
public sealed class Handler
{
    public async Task OnRabbit(IChannel channel, NpgsqlConnection db, BasicDeliverEventArgs ea, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "insert failed");
            await channel.BasicNackAsync(ea.DeliveryTag, false, true);
        }
        finally
        {
            await {|RACE007:channel.BasicAckAsync(ea.DeliveryTag, false)|};
        }
    }
}
""", DeliveryCode.Usings + """
public sealed class Handler
{
    public async Task OnRabbit(IChannel channel, NpgsqlConnection db, BasicDeliverEventArgs ea, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
            await channel.BasicAckAsync(ea.DeliveryTag, false);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "insert failed");
            await channel.BasicNackAsync(ea.DeliveryTag, false, true);
        }
    }
}
""");
        }
    
        [Fact]
        public async Task EmptyOneLineCatch_BecomesAFormattedBlockWithTheSeek()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                {|RACE007:_consumer.Commit(result)|};
            }
            catch (NpgsqlException) { }
"""), DeliveryCode.KafkaLoop("""
            try
            {
                await ApplyAsync(result.Message.Key, 1);
                _consumer.Commit(result);
            }
            catch (NpgsqlException)
            {
                _consumer.Seek(result.TopicPartitionOffset);
            }
"""));
        }
    }
}
