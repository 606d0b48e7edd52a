using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Delivery.AutoAckAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE010's Kafka form: a consumer whose ConsumerConfig leaves EnableAutoOffsetStore and EnableAutoCommit on
    /// stores and commits each offset at delivery, before the write that persists the message. Flagged at the
    /// Consume whose result is persisted, and at a StoreOffset the client would reject. Configs the code does not
    /// show (options, a copy of another config, computed values) are never judged.
    /// </summary>
    public sealed class Race010KafkaTests
    {
        internal static string Worker(string config, string loop, string members = "", string made = "new ConsumerBuilder<string, string>(config).Build()") => """
using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public sealed class InventoryWorker
{
    private readonly NpgsqlDataSource _db = null!;
    private readonly Func<ConsumerConfig, IConsumer<string, string>> _connect = null!;
    private readonly bool _storeAutomatically = true;
""" + "\n" + members + """

    public async Task RunAsync(CancellationToken ct)
    {
""" + "\n" + config + "\n        using var consumer = " + made + ";\n" + """
        consumer.Subscribe("inventory");
        while (!ct.IsCancellationRequested)
        {
""" + "\n" + loop + """

        }
    }

    private async Task SaveAsync(string key, string value)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO events (id, body) VALUES (@key, @value)", new { key, value });
    }
}
""";

        internal const string Defaults = "        var config = new ConsumerConfig { BootstrapServers = \"localhost:9092\", GroupId = \"inventory\" };";

        private const string ConsumeAndSave = """
            var result = {|RACE010:consumer.Consume(ct)|};
            await SaveAsync(result.Message.Key, result.Message.Value);
""";

        [Theory]
        [InlineData(Defaults, "new ConsumerBuilder<string, string>(config).Build()")]
        [InlineData("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoCommit = true, EnableAutoOffsetStore = true };", "new ConsumerBuilder<string, string>(config).SetErrorHandler((_, e) => Console.WriteLine(e.Reason)).Build()")]
        [InlineData("        var config = new ConsumerConfig();\n        config.GroupId = \"inventory\";", "_connect(config)")]
        [InlineData("", "new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = \"inventory\" }).Build()")]
        public async Task ResultPersistedFromAConsumerThatStoresOffsetsAtDelivery_IsFlagged(string config, string made)
        {
            await Verify.VerifyAnalyzerAsync(Worker(config, ConsumeAndSave, made: made));
        }

        [Fact]
        public async Task DirectWriteOfTheResult_IsFlagged_WithTheWriteNamed()
        {
            const string loop = """
            var result = {|#0:consumer.Consume(ct)|};
            await using var connection = await _db.OpenConnectionAsync(ct);
            await {|#1:connection.ExecuteAsync("INSERT INTO events (id) VALUES (@Key)", new { result.Message.Key })|};
""";
            var source = Worker(Defaults, loop);
            await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("RACE010").WithLocation(0).WithLocation(1)
                .WithArguments("consumer.Consume(ct)", "connection.ExecuteAsync(\"INSERT INTO events (id) VALUES (…", LineOf(source, "connection.ExecuteAsync(")));
        }

        [Fact]
        public async Task ConsumerFieldBuiltInTheConstructor_IsFlagged()
        {
            const string source = """
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public sealed class Projection
{
    private readonly IConsumer<string, string> _consumer;
    private readonly NpgsqlConnection _db;

    public Projection(NpgsqlConnection db)
    {
        _db = db;
        var config = new ConsumerConfig { GroupId = "projection" };
        _consumer = new ConsumerBuilder<string, string>(config).Build();
    }

    public async Task StepAsync(CancellationToken ct)
    {
        var result = {|RACE010:_consumer.Consume(ct)|};
        await _db.ExecuteAsync("INSERT INTO views (id) VALUES (@Key)", new { result.Message.Key });
    }
}
""";
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task ConsumerFieldBuiltThroughThis_AmongOtherFields_IsFlagged()
        {
            const string source = """
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public sealed class Projection
{
    private readonly object _gate = new object();
    private readonly IConsumer<string, string> _consumer;
    private readonly NpgsqlConnection _db;
    private int _seen = 0;

    public Projection(NpgsqlConnection db)
    {
        _db = db;
        _seen = 1;
        this._consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = "projection" }).Build();
    }

    public async Task StepAsync(CancellationToken ct)
    {
        var result = {|RACE010:_consumer.Consume(ct)|};
        await _db.ExecuteAsync("INSERT INTO views (id) VALUES (@Key)", new { result.Message.Key });
    }
}
""";
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task ConsumerFieldBuiltTwoWays_IsNotJudged()
        {
            // One constructor builds a consumer that stores offsets itself, the other takes one from the caller: which
            // one a call runs on is not known, so nothing is said.
            const string source = """
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;

public sealed class Projection
{
    private readonly IConsumer<string, string> _consumer;
    private readonly NpgsqlConnection _db;

    public Projection(NpgsqlConnection db)
    {
        _db = db;
        this._consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { GroupId = "projection" }).Build();
    }

    public Projection(NpgsqlConnection db, IConsumer<string, string> consumer)
    {
        _db = db;
        (_consumer) = consumer;
    }

    public async Task StepAsync(CancellationToken ct)
    {
        var result = _consumer.Consume(ct);
        await _db.ExecuteAsync("INSERT INTO views (id) VALUES (@Key)", new { result.Message.Key });
    }
}
""";
            await Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public async Task StoreOffsetWithTheAutomaticStoreOn_IsFlaggedAsRejected()
        {
            const string loop = """
            var result = {|RACE010:consumer.Consume(ct)|};
            await SaveAsync(result.Message.Key, result.Message.Value);
            {|RACE010:consumer.StoreOffset(result)|};
""";
            await Verify.VerifyAnalyzerAsync(Worker(Defaults, loop));
        }

        [Theory]
        [InlineData("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoOffsetStore = false };", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);\n            consumer.StoreOffset(result);")]
        [InlineData("        var config = new ConsumerConfig { GroupId = \"inventory\" };\n        config.EnableAutoOffsetStore = false;", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);\n            consumer.StoreOffset(result);")]
        [InlineData("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoCommit = false };", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);\n            consumer.Commit(result);")]
        [InlineData("        var config = new ConsumerConfig { GroupId = \"inventory\", EnableAutoOffsetStore = _storeAutomatically };", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);")]
        [InlineData("        var config = new ConsumerConfig(new ClientConfig { BootstrapServers = \"localhost:9092\" });", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);")]
        [InlineData(Defaults, "            var result = consumer.Consume(ct);\n            Console.WriteLine(result.Message.Key);")]
        public async Task ManualStoreOrCommitUnknownConfigsAndResultsNotPersisted_AreClean(string config, string loop)
        {
            await Verify.VerifyAnalyzerAsync(Worker(config, loop));
        }

        [Fact]
        public async Task ConfigFromOptions_IsNotJudged()
        {
            const string members = "    private readonly ConsumerConfig _options = new ConsumerConfig();\n    public InventoryWorker(ConsumerConfig options) => _options = options;\n";
            await Verify.VerifyAnalyzerAsync(Worker("        var config = _options;", "            var result = consumer.Consume(ct);\n            await SaveAsync(result.Message.Key, result.Message.Value);", members));
        }

        private static string LineOf(string source, string text)
            => (source.Substring(0, source.IndexOf(text, System.StringComparison.Ordinal)).Split('\n').Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
