using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Tests.Docs;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>
    /// What the IDE shows analyzers while someone types, at scale: seeded mutants of the samples, of the held-out
    /// service corpus (using scopes, repositories behind interfaces, handler parameters, endpoint lambdas, LISTEN,
    /// exclusive sections) and of the test sources (a token deleted, the file cut short, a line duplicated), each
    /// run through every analyzer and every offered fix. No exception, and no fix that adds compiler errors.
    /// </summary>
    public sealed class MutantRobustnessTests
    {
        private const int Seed = 20261122;
        private const int MutantsPerSource = 60;
        private const int MutantsPerCorpusFile = 30;

        [Fact]
        public async Task ThousandMutants_NeverThrowAndNoFixAddsErrors()
        {
            var sources = Sources();
            var random = new Random(Seed);
            var mutants = new List<(string Origin, string Text)>();
            foreach (var (origin, text, count) in sources)
            {
                var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().ToList();
                for (var i = 0; i < count; i++)
                {
                    mutants.Add(($"{origin} #{i}", Mutate(text, tokens, random)));
                }
            }

            Assert.True(mutants.Count >= 1000, $"only {mutants.Count} mutants");
            var failures = new List<string>();
            await Parallel.ForEachAsync(mutants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (mutant, _) =>
            {
                try
                {
                    await FixerOutput.NoCrashAsync(mutant.Text);
                }
                catch (Exception exception)
                {
                    lock (failures)
                    {
                        failures.Add($"{mutant.Origin}: {exception.Message.Split('\n')[0]}\n----\n{mutant.Text}\n----");
                    }
                }
            });

            Assert.True(failures.Count == 0, $"{failures.Count} of {mutants.Count} mutants failed; the first:\n{failures.FirstOrDefault()}");
        }

        /// <summary>One edit: delete a token, cut the file at a token, or duplicate a line.</summary>
        private static string Mutate(string text, List<SyntaxToken> tokens, Random random)
        {
            switch (random.Next(3))
            {
                case 0:
                    var token = tokens[random.Next(tokens.Count)];
                    return text.Remove(token.SpanStart, token.Span.Length);
                case 1:
                    return text.Substring(0, tokens[random.Next(tokens.Count)].SpanStart);
                default:
                    var lines = text.Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    lines.Insert(line, lines[line]);
                    return string.Join("\n", lines);
            }
        }

        private static List<(string Origin, string Text, int Mutants)> Sources()
        {
            var sources = new List<(string, string, int)>
            {
                ("case study RACE001", Code.Method("        var conn = _pool.GetConnection();\n        try\n        {\n            _handler.Process(msg);\n            _pool.ReturnConnection(conn);\n            msg.Acknowledge();\n        }\n        catch (Exception)\n        {\n            msg.Nack();\n            throw;\n        }"), MutantsPerSource),
                ("semaphore RACE002", Code.Method("        await _gate.WaitAsync(ct);\n        await stream.FlushAsync(ct);\n        _gate.Release();\n        try { await _gate.WaitAsync(ct); } finally { _gate.Release(); }"), MutantsPerSource),
                ("case study RACE003", ChatCode.Handler("        await SendWelcomeAsync(ws, sessionId);\n        await SendChatHistoryAsync(ws, sessionId);\n        await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));"), MutantsPerSource),
                ("case study RACE004/005", SqlCode.Handler("        var seen = await db.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId\", new { eventId });\n        if (seen > 0)\n        {\n            return;\n        }\n\n        var stock = await db.QuerySingleAsync<int>(\"SELECT current_stock FROM products WHERE sku = @sku\", new { sku });\n        var updated = stock + delta;\n        await db.ExecuteAsync(\"UPDATE products SET current_stock = @updated WHERE sku = @sku\", new { updated, sku });\n        await db.ExecuteAsync(\"INSERT INTO processed_events (event_id) VALUES (@eventId)\", new { eventId });"), MutantsPerSource),
                ("consumer RACE006/007", DeliveryCode.KafkaLoop("            _consumer.Commit(result);\n            try\n            {\n                await ApplyAsync(result.Message.Key, 1);\n            }\n            catch (NpgsqlException ex)\n            {\n                _logger.LogError(ex, \"failed\");\n            }\n            finally\n            {\n                _consumer.Commit(result);\n            }"), MutantsPerSource),
            };

            var samples = Path.Combine(DescriptorTests.RepositoryRoot(), "samples");
            foreach (var file in Directory.GetFiles(samples, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).OrderBy(f => f, StringComparer.Ordinal))
            {
                // Each sample file with its project's other files, so that the mutants still mostly bind.
                var project = Directory.GetFiles(Path.GetDirectoryName(file)!, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Where(f => f != file).Select(File.ReadAllText);
                sources.Add((Path.GetFileName(file), File.ReadAllText(file) + "\n" + string.Join("\n", project.Select(StripUsings)), MutantsPerSource));
            }

            foreach (var file in Directory.GetFiles(Path.Combine(DescriptorTests.RepositoryRoot(), "tests", "HeldOut"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                sources.Add(("held-out " + Path.GetFileName(file), File.ReadAllText(file), MutantsPerCorpusFile));
            }

            // Appended last: the mutants drawn for the sources above stay the ones the suite has always drawn.
            sources.Add(("lent body RACE001", "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing RabbitMQ.Client;\n\npublic sealed class LentBodyConsumer : AsyncDefaultBasicConsumer\n{\n    private Task _pending = Task.CompletedTask;\n\n    public LentBodyConsumer(IChannel channel) : base(channel) { }\n\n    public override async Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)\n    {\n        var copy = body.ToArray();\n        _ = Task.Run(Consume, cancellationToken);\n        _pending = Task.Run(() => copy.Length + body.Slice(1).Length);\n        var work = Consume();\n        await work;\n\n        Task Consume() => Task.FromResult(body.Length + copy.Length);\n    }\n}\n", MutantsPerSource));

            sources.Add(("helper take RACE002", HelperTakeSource, MutantsPerSource));
            sources.Add(("counter step RACE004", SqlCode.Handler("        const string select = \"\"\"\n            SELECT hits FROM counters WHERE id = @id\n            \"\"\";\n        const string update = \"\"\"\n            UPDATE counters SET hits = @hits WHERE id = @id\n            \"\"\";\n        var hits = await db.QuerySingleAsync<int>(select, new { id = sku });\n        hits++;\n        await db.ExecuteAsync(update, new { hits, id = sku });"), MutantsPerSource));

            return sources;
        }

        /// <summary>A semaphore taken by one helper inside the try and released by another in the finally, and handed out in a releaser after work that can throw.</summary>
        private const string HelperTakeSource = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class AccessLock : IDisposable
{
    private readonly SemaphoreSlim _semaphore;

    public AccessLock(SemaphoreSlim semaphore) => _semaphore = semaphore;

    public void Dispose() => _semaphore.Release();
}

public sealed class Publisher
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<string, Task<string>> _lookup = s => Task.FromResult(s);

    public async Task PublishAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        try
        {
            await TakeAsync(ct).ConfigureAwait(false);
            await SendAsync(body, ct);
        }
        finally
        {
            End();
        }
    }

    public async Task<AccessLock> LockAsync(string user)
    {
        await _gate.WaitAsync();
        var secret = await _lookup(user);
        if (secret.Length == 0)
            throw new InvalidOperationException(user);
        return new AccessLock(_gate);
    }

    private async Task TakeAsync(CancellationToken ct) => await _gate.WaitAsync(ct).ConfigureAwait(false);

    private void End() => _gate.Release();

    private static Task SendAsync(ReadOnlyMemory<byte> body, CancellationToken ct) => Task.CompletedTask;
}
""";

        /// <summary>Usings after the first type would not compile; the mutated file's own usings cover the libraries.</summary>
        private static string StripUsings(string source)
            => string.Join("\n", source.Split('\n').Where(line => !line.TrimStart().StartsWith("using ", StringComparison.Ordinal) || line.Contains('(')));
    }
}
