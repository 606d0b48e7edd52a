using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>RACE006: the offset is committed (or the delivery acked) before the write the message stands for.</summary>
    public sealed class Race006Tests
    {
        [Fact]
        public async Task KafkaCommitBeforeDapperWrite_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            {|#0:_consumer.Commit(result)|};
            await {|#1:_db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@id)", new { id = result.Message.Key })|};
"""), null,
                Verify.Diagnostic("RACE006").WithLocation(0).WithLocation(1).WithArguments("_consumer.Commit(result)", """_db.ExecuteAsync("INSERT INTO processed_events (event_id)…""", "33"));
        }

        [Fact]
        public async Task StoreOffsetBeforeWriteThroughAHelper_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            var delta = int.Parse(result.Message.Value);
            {|RACE006:_consumer.StoreOffset(result)|};
            await ApplyAsync(result.Message.Key, delta);
"""));
        }

        [Fact]
        public async Task CommitWithoutArguments_BeforeTheHandlingCallInTheLoopBody_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            {|RACE006:_consumer.Commit()|};
            await ApplyAsync(result.Message.Key, 1);
"""));
        }

        [Fact]
        public async Task ProduceToAnotherTopicAfterCommit_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            {|RACE006:_consumer.Commit(result)|};
            await _producer.ProduceAsync("orders-enriched", new Message<string, string> { Key = result.Message.Key, Value = result.Message.Value });
"""));
        }

        [Fact]
        public async Task AdoNetCommandWrite_AfterCommit_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            {|RACE006:_consumer.Commit(result)|};
            await using var command = new NpgsqlCommand("UPDATE products SET stock = stock - 1 WHERE sku = @sku", _db);
            command.Parameters.AddWithValue("sku", result.Message.Key);
            await command.ExecuteNonQueryAsync(ct);
"""));
        }

        [Fact]
        public async Task RabbitAckBeforeWriteInTheHandlerLambda_IsFlagged()
        {
            var source = DeliveryCode.Usings + """

public sealed class OrderHandler
{
    public void Start(IChannel channel, NpgsqlConnection db)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (sender, ea) =>
        {
            var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
            await {|RACE006:channel.BasicAckAsync(ea.DeliveryTag, multiple: false)|};
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body });
        };
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task ConfiguredCommitAndPersist_AreFlagged()
        {
            var source = DeliveryCode.Usings + """

namespace Acme
{
    public sealed class Inbox { public void MarkDone(string id) { } }
    public sealed class Ledger { public void Record(string id) { } }
}

public sealed class Worker
{
    public void Handle(Acme.Inbox inbox, Acme.Ledger ledger, string id)
    {
        {|RACE006:inbox.MarkDone(id)|};
        ledger.Record(id);
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source, "race_analyzers.commit_methods = Acme.Inbox.MarkDone\nrace_analyzers.persist_methods = Acme.Ledger.Record\n");
        }
    }
}
