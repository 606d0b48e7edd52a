using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Flow.Gating
{
    /// <summary>
    /// Rules skip a body before binding it when it invokes no name that can play a role (the name gates in
    /// ApiCatalog). A gate that misses a name the catalog classifies silently loses diagnostics, so every method
    /// of the real client libraries the catalog gives a role must pass its gate.
    /// </summary>
    public sealed class NameGateTests
    {
        private static readonly string[] LibraryNamespaces =
        {
            "StackExchange.Redis", "Dapper", "Npgsql", "Microsoft.EntityFrameworkCore", "Confluent.Kafka", "RabbitMQ.Client",
            "Microsoft.AspNetCore.SignalR.Client", "Microsoft.Extensions.ObjectPool", "System.Buffers", "System.Threading", "System.Data",
        };

        [Fact]
        public void EveryLibraryMethodTheCatalogClassifies_PassesItsNameGate()
        {
            var compilation = CSharpCompilation.Create("Gates", references: TestReferences.Get());
            var catalog = ApiCatalog.For(compilation);
            var counts = new Dictionary<string, int>();
            var misses = new List<string>();
            foreach (var method in LibraryMethods(compilation))
            {
                Check("release", catalog.PoolApiOf(method, method.ContainingType, ConfiguredMethods.Empty)?.Role == Role.Release, ApiCatalog.MayRelease);
                Check("subscribe", catalog.StreamRoleOf(method) == Role.Subscribe, ApiCatalog.MaySubscribe);
                Check("snapshot read or subscribe", catalog.StreamRoleOf(method) != Role.None, ApiCatalog.MayPlayStreamRole);
                Check("commit", catalog.DeliveryRoleOf(method) == Role.Commit, ApiCatalog.MayCommit);
                Check("commit or persist", catalog.DeliveryRoleOf(method) != Role.None, ApiCatalog.MayPlayDeliveryRole);
                Check("SQL", catalog.RunsSql(method), ApiCatalog.MayRunSql);

                void Check(string role, bool classified, System.Func<string, bool> gate)
                {
                    if (!classified)
                    {
                        return;
                    }

                    counts[role] = counts.TryGetValue(role, out var count) ? count + 1 : 1;
                    if (!gate(method.Name))
                    {
                        misses.Add($"{role}: {method.ContainingType.ToDisplayString()}.{method.Name}");
                    }
                }
            }

            Assert.Empty(misses);

            // The walk really saw the libraries: each family classified a good number of methods.
            Assert.True(counts.GetValueOrDefault("release") >= 8, "releases seen: " + counts.GetValueOrDefault("release"));
            Assert.True(counts.GetValueOrDefault("subscribe") >= 4, "subscriptions seen: " + counts.GetValueOrDefault("subscribe"));
            Assert.True(counts.GetValueOrDefault("snapshot read or subscribe") >= 50, "stream methods seen: " + counts.GetValueOrDefault("snapshot read or subscribe"));
            Assert.True(counts.GetValueOrDefault("commit") >= 4, "commits seen: " + counts.GetValueOrDefault("commit"));
            Assert.True(counts.GetValueOrDefault("commit or persist") >= 50, "delivery methods seen: " + counts.GetValueOrDefault("commit or persist"));
            Assert.True(counts.GetValueOrDefault("SQL") >= 30, "SQL methods seen: " + counts.GetValueOrDefault("SQL"));
        }

        [Fact]
        public void InHousePoolReleases_PassTheReleaseGate()
        {
            var source = """

namespace Acme
{
    public sealed class Conn { }
    public sealed class LinkPool { public Conn Get() => null; public void Return(Conn c) { } }
    public sealed class LeasePool { public Conn Lease() => null; public void Return(Conn c) { } }
    public sealed class SessionPool { public Conn Acquire() => null; public void Release(Conn c) { } }
    public sealed class SeatPool { public Conn Checkout() => null; public void Checkin(Conn c) { } }
    public sealed class DeskPool { public Conn CheckOut() => null; public void CheckIn(Conn c) { } }
    public sealed class ChannelPool { public System.Threading.Tasks.Task<Conn> GetConnectionAsync() => null; public System.Threading.Tasks.Task ReturnConnectionAsync(Conn c) => null; }
}
""";
            var compilation = CSharpCompilation.Create("InHouse", new[] { CSharpSyntaxTree.ParseText(source) }, TestReferences.Get());
            var catalog = ApiCatalog.For(compilation);
            var releases = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member).OfType<IMethodSymbol>()
                .Where(m => catalog.PoolApiOf(m, m.ContainingType, ConfiguredMethods.Empty)?.Role == Role.Release)
                .ToList();

            Assert.Equal(6, releases.Count);
            Assert.All(releases, m => Assert.True(ApiCatalog.MayRelease(m.Name), m.Name));
        }

        [Fact]
        public async Task SubscriptionTwoCallsDownInAnotherFile_IsStillFlagged()
        {
            var handler = ChatCode.Usings + """

public sealed partial class Room
{
    private readonly IDatabase _db;
    public Room(IDatabase db, ISubscriber subscriber) { _db = db; _subscriber = subscriber; }

    public async Task JoinAsync(string roomId, Action<RedisValue> send)
    {
        foreach (var line in await _db.ListRangeAsync("room:history:" + roomId))
        {
            send(line);
        }

        await {|RACE003:FollowAsync(roomId, send)|};
    }
}

""";
            var helpers = ChatCode.Usings + """

public sealed partial class Room
{
    private readonly ISubscriber _subscriber;

    private Task FollowAsync(string roomId, Action<RedisValue> send) => ListenAsync(RedisChannel.Literal("room:live:" + roomId), send);

    private Task ListenAsync(RedisChannel channel, Action<RedisValue> send) => _subscriber.SubscribeAsync(channel, (_, message) => send(message));
}

""";
            await Verify.VerifyAnalyzerAsync(new[] { handler, helpers });
        }

        [Fact]
        public async Task SubscriptionBehindAnExtensionBlockMember_IsStillFlagged()
        {
            // The method index reads declarations from syntax: C# 14 extension blocks must be looked into.
            var handler = ChatCode.Usings + """

public sealed class Room
{
    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;
    public Room(IDatabase db, ISubscriber subscriber) { _db = db; _subscriber = subscriber; }

    public async Task JoinAsync(string roomId, Action<RedisValue> send)
    {
        foreach (var line in await _db.ListRangeAsync("room:history:" + roomId))
        {
            send(line);
        }

        await {|RACE003:_subscriber.FollowRoomAsync(roomId, send)|};
    }
}

""";
            var extensions = ChatCode.Usings + """

public static class SubscriberExtensions
{
    extension(ISubscriber subscriber)
    {
        public Task FollowRoomAsync(string roomId, Action<RedisValue> send)
            => subscriber.SubscribeAsync(RedisChannel.Literal("room:live:" + roomId), (_, message) => send(message));
    }
}

""";
            await Verify.VerifyAnalyzerAsync(new[] { handler, extensions });
        }

        [Fact]
        public async Task ConfiguredCommitWithAnUnknownName_IsStillJudged()
        {
            var source = DeliveryCode.Usings + """

namespace Acme
{
    public sealed class Inbox { public void Settle(string id) { } }
}

public sealed class Worker
{
    public async Task Handle(Acme.Inbox inbox, NpgsqlConnection db, string id)
    {
        {|RACE006:inbox.Settle(id)|};
        await db.ExecuteAsync("INSERT INTO seen (id) VALUES (@id)", new { id });
    }
}

""";
            await Verify.VerifyAnalyzerAsync(source, "race_analyzers.commit_methods = Acme.Inbox.Settle\n");
        }

        private static IEnumerable<IMethodSymbol> LibraryMethods(Compilation compilation)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceSymbol ns when LibraryNamespaces.Any(n => n.StartsWith(ns.ToDisplayString(), System.StringComparison.Ordinal) || ns.ToDisplayString().StartsWith(n, System.StringComparison.Ordinal)):
                            pending.Push(ns);
                            break;
                        case INamedTypeSymbol type when type.DeclaredAccessibility == Accessibility.Public:
                            pending.Push(type);
                            break;
                        case IMethodSymbol method when method.DeclaredAccessibility == Accessibility.Public && method.MethodKind == MethodKind.Ordinary:
                            yield return method;
                            break;
                    }
                }
            }
        }
    }
}
