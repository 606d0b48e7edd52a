using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>
    /// C# the rules were not written around: each source holds one race in a newer construct and a correct
    /// look-alike. The exact diagnostics are checked, then every analyzer and every offered fix run again
    /// (no exception, no fix that adds compiler errors).
    /// </summary>
    public sealed class LanguageFeatureCorpusTests
    {
        private const string Usings = """
using System;
using System.Buffers;
using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;
using StackExchange.Redis;

""";

        public static TheoryData<string, string> Corpus() => new TheoryData<string, string>
        {
            { "async iterator", Usings + """

public static class Chunks
{
    public static async IAsyncEnumerable<byte> Leaky(int size, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        await Task.Yield();
        {|RACE001:ArrayPool<byte>.Shared.Return(buffer)|};
        yield return buffer[0];
    }

    public static async IAsyncEnumerable<byte> Correct(int size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            await Task.Yield();
            yield return buffer[0];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

""" },
            { "record with methods", Usings + """

public sealed record Throttle(SemaphoreSlim Gate, Func<Task> Work)
{
    public async Task Leaky()
    {
        await Gate.WaitAsync();
        await Work();
        {|RACE002:Gate.Release()|};
    }

    public async Task Correct()
    {
        await Gate.WaitAsync();
        try { await Work(); } finally { Gate.Release(); }
    }
}

""" },
            { "primary constructor", Usings + """

public sealed class StockConsumer(IConsumer<string, string> consumer, NpgsqlConnection db)
{
    public async Task Leaky(CancellationToken ct)
    {
        var result = consumer.Consume(ct);
        {|RACE006:consumer.Commit(result)|};
        await db.ExecuteAsync("UPDATE stock SET n = n - 1 WHERE sku = @sku", new { sku = result.Message.Key });
    }

    public async Task Correct(CancellationToken ct)
    {
        var result = consumer.Consume(ct);
        await db.ExecuteAsync("UPDATE stock SET n = n - 1 WHERE sku = @sku", new { sku = result.Message.Key });
        consumer.Commit(result);
    }
}

""" },
            { "partial members", Usings + """

public sealed partial class Room
{
    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;
    public Room(IDatabase db, ISubscriber subscriber) { _db = db; _subscriber = subscriber; }

    public partial Task Join(string id, Action<RedisValue> send);
    public partial int Capacity { get; }
}

public sealed partial class Room
{
    public partial async Task Join(string id, Action<RedisValue> send)
    {
        foreach (var line in await _db.ListRangeAsync("history:" + id))
        {
            send(line);
        }

        await {|RACE003:_subscriber.SubscribeAsync(RedisChannel.Literal("live:" + id), (_, m) => send(m))|};
    }

    public partial int Capacity => 10;
}

""" },
            { "collection expressions and raw strings", "using System.Linq;\n" + Usings + """"

public sealed class Stock(NpgsqlConnection db)
{
    public async Task Leaky(string sku, int delta)
    {
        string[] tags = ["stock", sku];
        var stock = await db.QuerySingleAsync<int>("""
            SELECT stock FROM products WHERE sku = @sku
            """, new { sku });
        List<int> next = [stock + delta, .. tags.Select(t => t.Length)];
        await {|RACE004:db.ExecuteAsync("""
            UPDATE products SET stock = @updated WHERE sku = @sku
            """, new { updated = next[0], sku })|};
    }

    public async Task Correct(string sku, int delta)
    {
        int[] deltas = [delta];
        await db.ExecuteAsync("UPDATE products SET stock = stock + @d WHERE sku = @sku", new { d = deltas[0], sku });
    }
}

"""" },
            { "System.Threading.Lock and lock statements", Usings + """

public sealed class Ledger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _balances = [];

    public void Leaky(string account, Func<int> amount)
    {
        _lock.Enter();
        _balances[account] = amount();
        {|RACE002:_lock.Exit()|};
    }

    public void Correct(string account, Func<int> amount)
    {
        lock (_lock)
        {
            _balances[account] = amount();
        }
    }
}

""" },
            { "extension block", Usings + """

public static class PoolExtensions
{
    extension(ArrayPool<byte> pool)
    {
        public int Leaky(int size)
        {
            var buffer = pool.Rent(size);
            {|RACE001:pool.Return(buffer)|};
            return buffer[0];
        }

        public int Correct(int size)
        {
            var buffer = pool.Rent(size);
            try { return buffer[0]; } finally { pool.Return(buffer); }
        }
    }
}

""" },
            { "field keyword, switch expressions, list patterns, static lambdas", Usings + """

public sealed class Parser
{
    public string Name { get => field ?? ""; set => field = value?.Trim(); }

    public static int Classify(int[] values) => values switch
    {
        [] => 0,
        [var single] => single,
        [var first, .., var last] => first + last,
    };

    public int Sum(int size)
    {
        Func<int, int> twice = static x => x * 2;
        var buffer = ArrayPool<int>.Shared.Rent(size);
        try { return twice(Classify(buffer)); } finally { ArrayPool<int>.Shared.Return(buffer); }
    }
}

""" },
            { "local functions and lambdas started and not awaited, in an override", "using RabbitMQ.Client;\n" + Usings + """

public sealed class LentBodyConsumer(IChannel channel) : AsyncDefaultBasicConsumer(channel)
{
    public override async Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte> copy = body.ToArray();
        _ = Task.Run(() => Consume(copy), cancellationToken);
        _ = {|RACE001:Task.Run(Leaky, cancellationToken)|};
        await Consume(body);

        Task Leaky() => Consume(body[1..]);
        static Task Consume(ReadOnlyMemory<byte> payload) => Task.FromResult(payload.Length);
    }
}

""" },
            { "helper take and release, expression-bodied, ValueTask, in a primary-constructor class", Usings + """

public sealed class Confirms(Func<CancellationToken, ValueTask> send)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask Leaky(CancellationToken ct)
    {
        try
        {
            await {|RACE002:TakeAsync(ct)|}.ConfigureAwait(false);
            await send(ct).ConfigureAwait(false);
        }
        finally
        {
            End();
        }
    }

    public async ValueTask Correct(CancellationToken ct)
    {
        await TakeAsync(ct).ConfigureAwait(false);
        try
        {
            await send(ct).ConfigureAwait(false);
        }
        finally
        {
            End();
        }
    }

    private async Task TakeAsync(CancellationToken ct) => await gate.WaitAsync(ct).ConfigureAwait(false);

    private void End() => gate.Release();
}

""" },
            { "generated code by attribute", Usings + """

[GeneratedCode("tool", "1.0")]
public sealed class GeneratedClient
{
    public int Leaky(int size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        ArrayPool<byte>.Shared.Return(buffer);
        return buffer[0];
    }
}

""" },
        };

        [Theory]
        [MemberData(nameof(Corpus))]
        public async Task NewerConstructs_AreAnalyzedExactly_AndFixesStaySafe(string feature, string markup)
        {
            Assert.False(string.IsNullOrEmpty(feature));
            await Verify.VerifyAnalyzerAsync(markup);
            TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableArray<TextSpan> _);
            await FixerOutput.NoCrashAsync(source);
        }

        [Fact]
        public async Task VeryLongFile_FindsTheOneRaceAmongThousandsOfCleanMethods()
        {
            var source = new StringBuilder(Usings).Append("public sealed class Huge\n{\n");
            for (var i = 0; i < 3_000; i++)
            {
                source.Append($"    public int Clean{i}(int size)\n    {{\n        var b = ArrayPool<byte>.Shared.Rent(size);\n        try {{ return b[{i % 8}] + {i}; }} finally {{ ArrayPool<byte>.Shared.Return(b); }}\n    }}\n");
            }

            source.Append("    public int Leaky(int size)\n    {\n        var b = ArrayPool<byte>.Shared.Rent(size);\n        {|RACE001:ArrayPool<byte>.Shared.Return(b)|};\n        return b[0];\n    }\n}\n");
            Assert.True(source.ToString().Count(c => c == '\n') > 15_000);
            await Verify.VerifyAnalyzerAsync(source.ToString());
        }

        [Fact]
        public async Task VeryLongMethod_IsAnalyzedAndStaysClean()
        {
            var body = new StringBuilder();
            for (var i = 0; i < 2_000; i++)
            {
                body.Append(i % 3 == 0 ? $"            if (total > {i}) {{ total -= b[{i % 8}]; }} else {{ total += {i}; }}\n" : $"            total += b[{i % 8}] * {i % 5 + 1};\n");
            }

            var source = Usings + "public sealed class Long\n{\n    public int Run(int size)\n    {\n        var b = ArrayPool<byte>.Shared.Rent(size);\n        try\n        {\n            var total = 0;\n"
                + body + "            return total;\n        }\n        finally\n        {\n            ArrayPool<byte>.Shared.Return(b);\n        }\n    }\n\n"
                + "    public int Leaky(int size)\n    {\n        var b = ArrayPool<byte>.Shared.Rent(size);\n        var total = 0;\n" + body.ToString().Replace("            ", "        ")
                + "        {|RACE001:ArrayPool<byte>.Shared.Return(b)|};\n        return total + b[0];\n    }\n}\n";
            await Verify.VerifyAnalyzerAsync(source);
        }
    }
}
