using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>RACE007: the commit also runs when the write failed.</summary>
    public sealed class Race007Tests
    {
        [Fact]
        public async Task CommitInFinally_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            }
            finally
            {
                {|RACE007:_consumer.Commit(result)|};
            }
"""));
        }

        [Fact]
        public async Task CommitAfterACatchThatLogsAndCarriesOn_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed for {Key}", result.Message.Key);
            }

            {|RACE007:_consumer.Commit(result)|};
"""));
        }

        [Fact]
        public async Task RabbitAckAfterSwallowingCatch_IsFlagged()
        {
            var source = DeliveryCode.Usings + """

public sealed class OrderHandler
{
    public async Task OnDelivery(IChannel channel, NpgsqlConnection db, BasicDeliverEventArgs ea, ILogger log)
    {
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "insert failed");
        }

        await {|RACE007:channel.BasicAckAsync(ea.DeliveryTag, false)|};
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source);
        }
    }
}
