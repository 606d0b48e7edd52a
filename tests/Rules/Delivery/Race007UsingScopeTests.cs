using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE007 and <c>using</c> scopes: a scope is a finally that disposes, and an exception leaving it stays an
    /// exception. A write that fails inside one never reaches the commit after it, unless a catch around the
    /// scope swallows the failure.
    /// </summary>
    public sealed class Race007UsingScopeTests
    {
        [Fact]
        public async Task CommitAfterUsingBlockHoldingTheWrite_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            await using (var conn = new NpgsqlConnection("Host=db"))
                await conn.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task CommitAfterBlockWithUsingDeclaration_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            {
                using var conn = new NpgsqlConnection("Host=db");
                await conn.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task UsingDeclarationInTryWhoseCatchSkipsTheCommit_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await using var conn = new NpgsqlConnection("Host=db");
                await conn.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            }
            catch (NpgsqlException e)
            {
                _logger.LogError(e, "insert failed");
                _consumer.Seek(result.TopicPartitionOffset);
                continue;
            }

            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task UsingBlockInsideASwallowingCatch_IsFlaggedAtTheCommit()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            try
            {
                await using (var conn = new NpgsqlConnection("Host=db"))
                    await conn.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            }
            catch (NpgsqlException e)
            {
                _logger.LogError(e, "insert failed");
            }

            {|RACE007:_consumer.Commit(result)|};
"""));
        }

        [Fact]
        public async Task CommitInTheFinallyOfATryHoldingAUsingScope_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            try
            {
                using var conn = new NpgsqlConnection("Host=db");
                await conn.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            }
            finally
            {
                {|RACE007:_consumer.Commit(result)|};
            }
"""));
        }
    }
}
