using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Delivery;
using Xunit;
using Xunit.Abstractions;

namespace RaceAnalyzers.Tests.Rules.Delivery
{
    /// <summary>
    /// RACE006/RACE007 skip the control-flow graph where the operation tree alone shows that no persistence runs
    /// after a commit or fails into one (<see cref="ClearDeliveryOrder"/>). Each shape is judged both ways: the
    /// shortcut's answer, and what <see cref="DeliveryOrder"/> finds on the graph. Where the shortcut says no graph
    /// is needed, the graph must find nothing; the near-misses must get the graph, and most of them are findings.
    /// </summary>
    public sealed class Race006And007GraphShortcutTests
    {
        private readonly ITestOutputHelper _output;

        public Race006And007GraphShortcutTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("a Kafka loop that consumes, saves and commits", """
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
            _consumer.Commit(result);
        }
""")]
        [InlineData("a handler lambda that stores, then acks", """
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (sender, ea) =>
        {
            var body = Encoding.UTF8.GetString(ea.Body.Span);
            await _db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body }).ConfigureAwait(false);
            await _channel.BasicAckAsync(ea.DeliveryTag, multiple: false).ConfigureAwait(false);
        };
""")]
        [InlineData("store and ack in a try whose catch nacks", """
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (sender, ea) =>
        {
            try
            {
                var body = Encoding.UTF8.GetString(ea.Body.Span);
                await _db.ExecuteAsync("INSERT INTO orders (body) VALUES (@body)", new { body });
                await _channel.BasicAckAsync(ea.DeliveryTag, multiple: false);
            }
            catch (Exception)
            {
                await _channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);
            }
        };
""")]
        [InlineData("a commit inside a condition after the save", """
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            var stored = await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
            if (stored > 0)
            {
                _consumer.Commit(result);
            }
        }
""")]
        [InlineData("a commit of the given message after the save, with no loop", """
        await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        _consumer.StoreOffset(given);
""")]
        [InlineData("a save inside a condition, the commit after it", """
        if (given.Message.Key.Length > 0)
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        }

        _consumer.StoreOffset(given);
""")]
        [InlineData("the save in a transaction's using block, then the commit", """
        using (var transaction = _db.BeginTransaction())
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key }, transaction);
            transaction.Commit();
        }

        _consumer.StoreOffset(given);
""")]
        [InlineData("the save under a lock, then the commit", """
        lock (_consumer)
        {
            _db.Execute("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        }

        _consumer.StoreOffset(given);
""")]
        public void PersistThenCommit_NeedsNoGraph_AndTheGraphAgrees(string shape, string body)
        {
            var (needsFlow, finds) = Judge(body);
            Assert.False(needsFlow, shape);
            Assert.False(finds, shape);
        }

        [Theory]
        [InlineData("RACE006: the commit before the save", true, """
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            _consumer.Commit(result);
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
        }
""")]
        [InlineData("RACE007: the commit in the finally of the save", true, """
        try
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        }
        finally
        {
            _consumer.Commit(given);
        }
""")]
        [InlineData("RACE007: the catch of the save commits", true, """
        try
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
            _consumer.Commit(given);
        }
        catch (PostgresException)
        {
            _consumer.Commit(given);
        }
""")]
        [InlineData("RACE007: a commit after the try that swallows the save's failure", true, """
        try
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        }
        catch (PostgresException)
        {
        }

        _consumer.Commit(given);
""")]
        [InlineData("RACE007: a swallowed failure in a Kafka loop, covered by the next commit", true, """
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            try
            {
                await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
                _consumer.Commit(result);
            }
            catch (PostgresException)
            {
            }
        }
""")]
        [InlineData("RACE006: a retry loop commits the same message, then saves it again", true, """
        foreach (var attempt in attempts)
        {
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
            _consumer.Commit(given);
        }
""")]
        [InlineData("RACE006: a goto runs the save again after the commit", true, """
        var tries = 0;
    again:
        await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = given.Message.Key });
        _consumer.Commit(given);
        if (++tries < 3)
        {
            goto again;
        }
""")]
        [InlineData("the save and the commit in one statement", false, """
        _consumer.Commit(await SavedAsync(given));
""")]
        [InlineData("a commit that names no message, in a loop (clean, but not shown by the tree alone)", false, """
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
            _consumer.Commit();
        }
""")]
        public void NearMiss_GetsTheGraph(string shape, bool graphFinds, string body)
        {
            var (needsFlow, finds) = Judge(body);
            Assert.True(needsFlow, shape);
            Assert.Equal(graphFinds, finds);
        }

        /// <summary>
        /// Every body of the real-bug suite, the held-out corpus and the samples that commits and persists: wherever
        /// the shortcut skips the graph, the graph finds nothing.
        /// </summary>
        [Fact]
        public void Corpus_WhereTheShortcutSkipsTheGraph_TheGraphFindsNothing()
        {
            var (judged, skipped, found, wrong) = ShortcutCorpus.Agreement(Judge);
            _output.WriteLine($"{judged} bodies commit and persist; the shortcut skips the graph for {skipped}; the graph finds something in {found}");
            Assert.Empty(wrong);
            Assert.True(skipped >= 5 && found >= 5, $"the corpus no longer exercises both sides: {skipped} skipped, {found} found of {judged}");
        }

        private static (bool NeedsFlow, bool Finds) Judge(string body)
        {
            var (compilation, root) = ShortcutCorpus.Bind(Source(body), "HandleAsync");
            var (needsFlow, finds) = Judge(compilation, root);
            Assert.True(needsFlow.HasValue, "the body should commit and persist");
            return (needsFlow!.Value, finds);
        }

        /// <summary>
        /// Null when the body does not both commit and persist (RACE006/RACE007 ask nothing of it); else the
        /// shortcut's answer, and whether the graph answers any of the analyzer's three questions for a commit.
        /// </summary>
        private static (bool? NeedsFlow, bool Finds) Judge(Compilation compilation, IOperation root)
        {
            var sites = ShortcutCorpus.SitesOf(compilation, root, catalog => catalog.Delivery);
            if (!sites.Any(s => s.IsOwnCommit) || !sites.Any(s => s.Role == Role.Persist))
            {
                return (null, false);
            }

            var order = new DeliveryOrder(AnalyzedBody.FlowOf(root, default)!, sites, HandlerParameters.Of(root));
            var finds = order.Commits.Any(commit => order.PersistsAfter(commit).Count > 0
                || order.PersistWhoseFailureStillCommits(commit) != null
                || order.PersistWhoseFailureALaterCommitCovers(commit) != null);
            return (ClearDeliveryOrder.NeedsFlow(sites), finds);
        }

        private static string Source(string body) => """
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

public sealed class Handler
{
    private readonly IConsumer<string, string> _consumer = null!;
    private readonly NpgsqlConnection _db = null!;
    private readonly IChannel _channel = null!;

    public async Task HandleAsync(ConsumeResult<string, string> given, IReadOnlyList<int> attempts, CancellationToken ct)
    {
""" + body + """
    }

    private async Task<ConsumeResult<string, string>> SavedAsync(ConsumeResult<string, string> result)
    {
        await _db.ExecuteAsync("INSERT INTO events (k) VALUES (@k)", new { k = result.Message.Key });
        return result;
    }
}
""";
    }
}
