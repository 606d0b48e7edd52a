using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Streams;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Xunit.Abstractions;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>
    /// RACE003 skips the control-flow graph where every subscription of a function is in a statement before every
    /// read's (<see cref="ClearSubscribeOrder"/>). Each shape is judged both ways: the shortcut's answer, and what the
    /// rule's question (a related read that reaches the subscription in one pass) finds on the graph.
    /// </summary>
    public sealed class Race003GraphShortcutTests
    {
        private readonly ITestOutputHelper _output;

        public Race003GraphShortcutTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("subscribe, then read the history", """
        await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
        foreach (var item in await _db.ListRangeAsync("history:" + room))
        {
            send(item);
        }
""")]
        [InlineData("subscribe, then read through a helper", """
        await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m)).ConfigureAwait(false);
        var history = await LoadAsync(room).ConfigureAwait(false);
        Array.ForEach(history, item => send(item));
""")]
        [InlineData("subscribe and read in each pass of a loop", """
        foreach (var other in rooms)
        {
            await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + other), (_, m) => send(m));
            foreach (var item in await LoadAsync(other))
            {
                send(item);
            }
        }
""")]
        [InlineData("subscribe in a try that gives up on failure, then read", """
        try
        {
            await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
        }
        catch (RedisConnectionException)
        {
            return;
        }

        foreach (var item in await LoadAsync(room))
        {
            send(item);
        }
""")]
        [InlineData("subscribe in a do-while, then read", """
        var attempts = 0;
        do
        {
            await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
            attempts++;
        }
        while (attempts < 1);

        Array.ForEach(await LoadAsync(room), item => send(item));
""")]
        public void SubscribeThenRead_NeedsNoGraph_AndTheGraphAgrees(string shape, string body)
        {
            var (needsFlow, finds) = Judge(body);
            Assert.False(needsFlow, shape);
            Assert.False(finds, shape);
        }

        [Theory]
        [InlineData("RACE003: read, then subscribe", true, """
        foreach (var item in await LoadAsync(room))
        {
            send(item);
        }

        await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
""")]
        [InlineData("RACE003: the read in a condition before the subscription", true, """
        if (room.Length > 0)
        {
            Array.ForEach(await LoadAsync(room), item => send(item));
        }

        await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
""")]
        [InlineData("read and subscribe in one statement (one step: the rule leaves it alone)", false, """
        await Task.WhenAll(LoadAsync(room), _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m)));
""")]
        [InlineData("subscribe inside a condition, the read after it (clean, but the block differs)", false, """
        if (room.Length > 0)
        {
            await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
            Array.ForEach(await LoadAsync(room), item => send(item));
        }
        else
        {
            Array.ForEach(await LoadAsync("lobby"), item => send(item));
        }
""")]
        public void NearMiss_GetsTheGraph(string shape, bool graphFinds, string body)
        {
            var (needsFlow, finds) = Judge(body);
            Assert.True(needsFlow, shape);
            Assert.Equal(graphFinds, finds);
        }

        [Fact]
        public async Task SubscribeThenRead_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        await _subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m));
        foreach (var item in await LoadAsync(room))
        {
            send(item);
        }
"""));
        }

        [Fact]
        public async Task ReadInAConditionBeforeTheSubscription_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        if (room.Length > 0)
        {
            Array.ForEach(await LoadAsync(room), item => send(item));
        }

        await {|RACE003:_subscriber.SubscribeAsync(RedisChannel.Literal("live:" + room), (_, m) => send(m))|};
"""));
        }

        /// <summary>Every body of the corpus that reads and subscribes: wherever the shortcut skips the graph, the graph finds nothing.</summary>
        [Fact]
        public void Corpus_WhereTheShortcutSkipsTheGraph_TheGraphFindsNothing()
        {
            var (judged, skipped, found, wrong) = ShortcutCorpus.Agreement(Judge);
            _output.WriteLine($"{judged} bodies read and subscribe; the shortcut skips the graph for {skipped}; the graph finds something in {found}");
            Assert.Empty(wrong);
            Assert.True(skipped >= 2 && found >= 3, $"the corpus no longer exercises both sides: {skipped} skipped, {found} found of {judged}");
        }

        private static (bool NeedsFlow, bool Finds) Judge(string body)
        {
            var (compilation, root) = ShortcutCorpus.Bind(Source(body), "OpenAsync");
            var (needsFlow, finds) = Judge(compilation, root);
            Assert.True(needsFlow.HasValue, "the body should read and subscribe");
            return (needsFlow!.Value, finds);
        }

        /// <summary>Null when the body does not both read and subscribe; else the shortcut's answer, and whether the graph finds a read before a subscription.</summary>
        private static (bool? NeedsFlow, bool Finds) Judge(Compilation compilation, IOperation root)
        {
            var sites = ShortcutCorpus.SitesOf(compilation, root, catalog => catalog.Streams);
            if (!sites.Any(s => s.Role == Role.Subscribe) || !sites.Any(s => s.Role == Role.SnapshotRead))
            {
                return (null, false);
            }

            var flow = AnalyzedBody.FlowOf(root, default)!;
            var finds = sites.Any(subscribe => subscribe.Role == Role.Subscribe && flow.TryGetStepOf(subscribe.Call.Syntax, out var step)
                && SnapshotBeforeSubscribeAnalyzer.ReadsBefore(flow, subscribe, step, sites).Nearest != null);
            return (ClearSubscribeOrder.NeedsFlow(sites), finds);
        }

        private static string Source(string body) => ChatCode.Usings + """
using System.Collections.Generic;

public sealed class Room
{
    private readonly IDatabase _db = null!;
    private readonly ISubscriber _subscriber = null!;

    public async Task OpenAsync(string room, IReadOnlyList<string> rooms, Action<RedisValue> send)
    {
""" + body + """
    }

    private Task<RedisValue[]> LoadAsync(string room) => _db.ListRangeAsync("history:" + room);
}
""";
    }
}
