using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.CommitBeforePersistAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// Work behind interfaces and virtual methods: a call of a method declared in source runs what any of its
    /// source implementations or overrides runs, so a commit before a repository call whose implementation writes
    /// is flagged, and one whose implementations only log is not.
    /// </summary>
    public sealed class Race006InterfaceCallTests
    {
        private const string Store = """

public interface IInvoiceStore
{
    Task SaveAsync(string key, string body);
}

public sealed class PgInvoiceStore : IInvoiceStore
{
    private readonly NpgsqlConnection _db;
    public PgInvoiceStore(NpgsqlConnection db) => _db = db;
    public Task SaveAsync(string key, string body)
        => _db.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@key, @body)", new { key, body });
}

public sealed class LoggingInvoiceStore : IInvoiceStore
{
    public Task SaveAsync(string key, string body)
    {
        Console.WriteLine(key);
        return Task.CompletedTask;
    }
}
""";

        private const string Audit = """

public interface IAudit
{
    Task SaveAsync(string key, string body);
}

public sealed class ConsoleAudit : IAudit
{
    public Task SaveAsync(string key, string body)
    {
        Console.WriteLine(key + body);
        return Task.CompletedTask;
    }
}
""";

        private const string Projection = """

public abstract class Projection
{
    public virtual Task ApplyAsync(string key, string body) => Task.CompletedTask;
}

public sealed class InvoiceProjection : Projection
{
    private readonly NpgsqlConnection _db;
    public InvoiceProjection(NpgsqlConnection db) => _db = db;
    public override Task ApplyAsync(string key, string body)
        => _db.ExecuteAsync("INSERT INTO invoices(id, body) VALUES (@key, @body)", new { key, body });
}
""";

        [Fact]
        public async Task CommitBeforeAnInterfaceCallWhoseImplementationWrites_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            {|RACE006:_consumer.Commit(result)|};
            await _store.SaveAsync(result.Message.Key, result.Message.Value);
""", members: "    private readonly IInvoiceStore _store = null!;\n") + Store);
        }

        [Fact]
        public async Task WriteThroughTheInterfaceBeforeTheCommit_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            await _store.SaveAsync(result.Message.Key, result.Message.Value);
            _consumer.Commit(result);
""", members: "    private readonly IInvoiceStore _store = null!;\n") + Store);
        }

        [Fact]
        public async Task InterfaceWhoseImplementationsOnlyLog_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            _consumer.Commit(result);
            await _audit.SaveAsync(result.Message.Key, result.Message.Value);
""", members: "    private readonly IAudit _audit = null!;\n") + Audit);
        }

        [Fact]
        public async Task CommitBeforeAVirtualCallWhoseOverrideWrites_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(DeliveryCode.KafkaLoop("""
            {|RACE006:_consumer.Commit(result)|};
            await _projection.ApplyAsync(result.Message.Key, result.Message.Value);
""", members: "    private readonly Projection _projection = null!;\n") + Projection);
        }
    }
}
