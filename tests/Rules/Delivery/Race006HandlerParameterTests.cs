using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// The seed's own shape: a handler given the broker message and its decoded event as separate parameters
    /// commits the message, then persists values of the event. The parameters of one handler are one unit of work;
    /// a body that loops over a batch is not assumed to be one.
    /// </summary>
    public sealed class Race006HandlerParameterTests
    {
        private static string Handler(string method) => DeliveryCode.Usings + """

public sealed record InventoryEvent(string Sku, int Delta);

public sealed class InventoryHandler
{
    private readonly IConsumer<string, string> _consumer = null!;
    private readonly NpgsqlConnection _db = null!;

""" + method + """

}
""";

        [Fact]
        public async Task CommitOfTheMessageBeforeTheWriteOfItsEvent_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Handler("""
    public async Task HandleAsync(ConsumeResult<string, string> msg, InventoryEvent evt, CancellationToken ct)
    {
        {|RACE006:_consumer.Commit(msg)|};
        await _db.ExecuteAsync("UPDATE products SET stock = stock + @Delta WHERE sku = @Sku", new { evt.Sku, evt.Delta });
    }
"""));
        }

        [Fact]
        public async Task WriteOfTheEventBeforeTheCommit_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Handler("""
    public async Task HandleAsync(ConsumeResult<string, string> msg, InventoryEvent evt, CancellationToken ct)
    {
        await _db.ExecuteAsync("UPDATE products SET stock = stock + @Delta WHERE sku = @Sku", new { evt.Sku, evt.Delta });
        _consumer.Commit(msg);
    }
"""));
        }

        [Fact]
        public async Task BatchLoop_DoesNotTieTheParametersTogether()
        {
            await Verify.VerifyAnalyzerAsync(Handler("""
    public async Task FlushAsync(ConsumeResult<string, string> marker, System.Collections.Generic.IReadOnlyList<InventoryEvent> pending)
    {
        _consumer.Commit(marker);
        foreach (var evt in pending)
        {
            await _db.ExecuteAsync("UPDATE products SET stock = stock + @Delta WHERE sku = @Sku", new { evt.Sku, evt.Delta });
        }
    }
"""));
        }
    }
}
