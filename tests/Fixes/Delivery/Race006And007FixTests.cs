using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer, RaceAnalyzers.CodeFixes.Delivery.CommitAfterPersistFixer>;

namespace RaceAnalyzers.Tests.Fixes.Delivery
{
    /// <summary>The commit-after-persist fix for RACE006 and RACE007: exact output, where it is not offered, Fix All.</summary>
    public sealed class Race006And007FixTests
    {
        [Fact]
        public async Task Race006_CommitMovesAfterTheLastWrite()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""

            var delta = int.Parse(result.Message.Value);
            {|RACE006:_consumer.Commit(result)|};
            await ApplyAsync(result.Message.Key, delta);
            await _db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@id)", new { id = result.Message.Key });
            _logger.LogInformation("applied {Key}", result.Message.Key);
"""), DeliveryCode.KafkaLoop("""

            var delta = int.Parse(result.Message.Value);
            await ApplyAsync(result.Message.Key, delta);
            await _db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@id)", new { id = result.Message.Key });
            _consumer.Commit(result);
            _logger.LogInformation("applied {Key}", result.Message.Key);
"""));
        }

        [Fact]
        public async Task Race007_CommitMovesOutOfTheFinallyIntoTheTry_AndTheCatchSeeksBack()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
            }
            finally
            {
                {|RACE007:_consumer.Commit(result)|};
            }
"""), DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, int.Parse(result.Message.Value));
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
        public async Task Race007_TryFinallyHoldingOnlyTheCommit_IsUnwrapped()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            finally
            {
                {|RACE007:_consumer.Commit(result)|};
            }
"""), DeliveryCode.KafkaLoop("""

            await ApplyAsync(result.Message.Key, 1);
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task Race007_CommitAfterSwallowingCatch_MovesIntoTheTry_AndTheCatchSeeksBack()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""

            try
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            catch (NpgsqlException ex)
            {
                _logger.LogError(ex, "write failed");
            }

            {|RACE007:_consumer.Commit(result)|};
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
        public async Task Race006_CommitWhoseResultTheJumpedStatementsUse_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(DeliveryCode.KafkaLoop("""

            var offsets = {|RACE006:_consumer.Commit()|};
            _logger.LogInformation("committed {Offsets}", offsets);
            await ApplyAsync(result.Message.Key, 1);
"""));
        }

        [Fact]
        public async Task Race006_WriteInANestedBranch_MovesAfterTheWholeStatement()
        {
            await Verify.VerifyCodeFixAsync(DeliveryCode.KafkaLoop("""

            {|RACE006:_consumer.Commit(result)|};
            if (result.Message.Value.Length > 0)
            {
                await ApplyAsync(result.Message.Key, 1);
            }
"""), DeliveryCode.KafkaLoop("""

            if (result.Message.Value.Length > 0)
            {
                await ApplyAsync(result.Message.Key, 1);
            }
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task Race006_CommitAndWriteInDifferentBranches_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(DeliveryCode.KafkaLoop("""

            if (result.Message.Value.Length == 0)
            {
                {|RACE006:_consumer.Commit(result)|};
            }

            await ApplyAsync(result.Message.Key, 1);
"""));
        }
    
        [Fact]
        public async Task FixAll_RepairsBothRulesAcrossMethods_TheRabbitCatchNacks()
        {
            static string Source(string first, string second) => DeliveryCode.Usings + """

public sealed class Handlers
{
    public async Task OnKafka(IConsumer<string, string> consumer, NpgsqlConnection db, ConsumeResult<string, string> result)
    {

""" + first + """

    }

    public async Task OnRabbit(IChannel channel, NpgsqlConnection db, BasicDeliverEventArgs ea, ILogger log)
    {

""" + second + """

    }
}

""";
            await Verify.VerifyCodeFixAsync(
                Source("""
        {|RACE006:consumer.StoreOffset(result)|};
        await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = result.Message.Key });
""",
                    """
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "insert failed");
        }
        finally
        {
            await {|RACE007:channel.BasicAckAsync(ea.DeliveryTag, false)|};
        }
"""),
                Source("""
        await db.ExecuteAsync("INSERT INTO events (id) VALUES (@id)", new { id = result.Message.Key });
        consumer.StoreOffset(result);
""",
                    """
        try
        {
            await db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body = ea.Body.ToArray() });
            await channel.BasicAckAsync(ea.DeliveryTag, false);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "insert failed");
            await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);
        }
"""));
        }
    }
}
