using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// An in-house interface whose implementation is not in the compilation (it lives in another project): a
    /// call named as handling what it is given (Save, Store, Upsert, Handle, Process, …) and given the message or
    /// values from it is the message's handling, for RACE006 and RACE007. Calls named otherwise, calls given
    /// nothing of the message, and library methods (a list's Add, a logger's Write) are not.
    /// </summary>
    public sealed class Race006HandlingByNameTests
    {
        private const string Contracts = """

public sealed record Order(string Key, string Body);

public interface IOrderRepository
{
    Task SaveAsync(Order order);
    Task<int> CountAsync(string key);
}

public interface IOrderHandler
{
    Task HandleOrderAsync(string key, string body);
}

public interface IOrderJournal
{
    Task JournalAsync(string key, string body);
    Task JournaledAsync(string key);
}
""";

        private static string Loop(string body) => DeliveryCode.KafkaLoop(body, members: """
    private readonly IOrderRepository _orders = null!;
    private readonly IOrderHandler _handler = null!;
    private readonly IOrderJournal _journal = null!;
    private readonly System.Collections.Generic.List<string> _seen = new();

""") + Contracts;

        [Fact]
        public async Task CommitBeforeARepositorySave_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            {|RACE006:_consumer.Commit(result)|};
            await _orders.SaveAsync(new Order(result.Message.Key, result.Message.Value));
"""));
        }

        [Fact]
        public async Task CommitBeforeAHandlerCall_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            {|RACE006:_consumer.Commit(result)|};
            await _handler.HandleOrderAsync(result.Message.Key, result.Message.Value);
"""));
        }

        [Fact]
        public async Task HandlingThatFailsIntoASwallowingCatch_IsFlaggedAsRace007()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            try
            {
                await _handler.HandleOrderAsync(result.Message.Key, result.Message.Value);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "handling failed");
            }

            {|RACE007:_consumer.Commit(result)|};
"""));
        }

        [Fact]
        public async Task SaveBeforeTheCommit_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            await _orders.SaveAsync(new Order(result.Message.Key, result.Message.Value));
            _consumer.Commit(result);
"""));
        }

        [Fact]
        public async Task CallsNotNamedAsHandlingOrGivenNothingOfTheMessage_AreNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            _consumer.Commit(result);
            var known = await _orders.CountAsync(result.Message.Key);
            await _orders.SaveAsync(new Order("heartbeat", DateTime.UtcNow.ToString("O")));
            _seen.Add(result.Message.Key);
            _logger.LogInformation("committed {Key}", result.Message.Key);
"""));
        }

        private const string JournalIsHandling = """
race_analyzers.handling_words = Journal | Ledger

""";

        [Fact]
        public async Task AWordAddedInEditorConfig_NamesHandling()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            {|RACE006:_consumer.Commit(result)|};
            await _journal.JournalAsync(result.Message.Key, result.Message.Value);
"""), JournalIsHandling);
        }

        [Fact]
        public async Task WithoutTheWord_OrWhenTheWordDoesNotOpenTheName_ItIsNotHandling()
        {
            await Verify.VerifyAnalyzerAsync(Loop("""
            _consumer.Commit(result);
            await _journal.JournalAsync(result.Message.Key, result.Message.Value);
"""));
            await Verify.VerifyAnalyzerAsync(Loop("""
            _consumer.Commit(result);
            await _journal.JournaledAsync(result.Message.Key);
"""), JournalIsHandling);
        }
    }
}
