using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer, RaceAnalyzers.CodeFixes.Streams.SubscribeFirstFixer>;

namespace RaceAnalyzers.Tests.Fixes.Streams
{
    /// <summary>
    /// Subscribe-first beyond Redis and Dapper: a PostgreSQL LISTEN run through an ADO.NET command (the command's
    /// using declaration moves up with it) and a pair of in-house methods named in .editorconfig; and where the move
    /// stays refused.
    /// </summary>
    public sealed class Race003ListenCommandAndConfiguredFixTests
    {
        private static string Feed(string body) => ChatCode.Usings + """
using Dapper;
using Npgsql;

public sealed class OrderFeed
{
    public async Task RunAsync(NpgsqlConnection connection, string shop, Action<string> onRow)
    {

""" + body + """
    }
}

""";

        [Fact]
        public async Task ListenCommandAfterADapperRead_MovesAboveTheReadWithItsCommand()
        {
            await Verify.VerifyCodeFixAsync(Feed("""
        connection.Notification += (_, e) => onRow(e.Payload);
        // the orders so far
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        foreach (var row in rows)
        {
            onRow(row);
        }

        // then the changes
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", connection);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};
        await connection.WaitAsync();

"""), Feed("""
        connection.Notification += (_, e) => onRow(e.Payload);
        // then the changes
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", connection);
        await listen.ExecuteNonQueryAsync();
        // the orders so far
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        foreach (var row in rows)
        {
            onRow(row);
        }

        await connection.WaitAsync();

"""));
        }

        [Fact]
        public async Task SynchronousListenCommand_MovesAboveTheRead()
        {
            await Verify.VerifyCodeFixAsync(Feed("""
        var rows = connection.Query<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        using var listen = new NpgsqlCommand("LISTEN orders_changed", connection);
        {|RACE003:listen.ExecuteNonQuery()|};
        await Task.Yield();

"""), Feed("""
        using var listen = new NpgsqlCommand("LISTEN orders_changed", connection);
        listen.ExecuteNonQuery();
        var rows = connection.Query<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        await Task.Yield();

"""));
        }

        [Fact]
        public async Task ListenCommandOnAConnectionOpenedAfterTheRead_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(ChatCode.Usings + """
using Dapper;
using Npgsql;

public sealed class OrderFeed
{
    public async Task RunAsync(NpgsqlDataSource orders, string shop)
    {
        var first = await orders.CreateCommand("SELECT body FROM orders").ExecuteScalarAsync();
        await using var conn = await orders.OpenConnectionAsync();
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", conn);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};
    }
}

""");
        }

        [Fact]
        public async Task ListenCommandBuiltFromAReaderBetween_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Feed("""
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        using var listen = new NpgsqlCommand("LISTEN orders_" + rows.Count(), connection);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};

"""));
        }

        private const string Configured = "race_analyzers.snapshot_read_methods = Acme.Ledger.Balance\nrace_analyzers.subscribe_methods = Acme.Ticker.Follow\n";

        private static string Screen(string body) => """
using System;
using System.Threading.Tasks;

namespace Acme
{
    public sealed class Ledger { public Task<int> Balance(string account) => Task.FromResult(0); }
    public sealed class Ticker { public void Follow(string account, Action<int> onChange) { } }
}

public sealed class Screen
{
    public async Task Show(Acme.Ledger ledger, Acme.Ticker ticker, string account, Action<int> show)
    {

""" + body + """
    }
}

""";

        [Fact]
        public async Task ConfiguredReadAndSubscribe_TheSubscriptionMovesAboveTheRead()
        {
            await Verify.VerifyCodeFixAsync(Screen("""
        var balance = await ledger.Balance(account);
        show(balance);
        // every later change
        {|RACE003:ticker.Follow(account, change => show(change))|};

"""), Screen("""
        // every later change
        ticker.Follow(account, change => show(change));
        var balance = await ledger.Balance(account);
        show(balance);

"""), Configured);
        }

        [Fact]
        public async Task ConfiguredInterfaceMethods_AwaitedSubscriptionInAUsingDeclaration_MovesAboveTheRead()
        {
            const string Interfaces = """
using System;
using System.Threading.Tasks;

namespace Acme
{
    public interface IQuoteStore { Task<decimal[]> SnapshotAsync(string symbol); }
    public interface IQuoteFeed { Task<IAsyncDisposable> SubscribeAsync(string symbol, Action<decimal> onQuote); }
}

public sealed class Board
{
    public async Task WatchAsync(Acme.IQuoteStore store, Acme.IQuoteFeed feed, string symbol, Action<decimal> show)
    {

""";
            const string End = """
        await Task.Delay(1000).ConfigureAwait(false);
    }
}

""";
            await Verify.VerifyCodeFixAsync(Interfaces + """
        var quotes = await store.SnapshotAsync(symbol).ConfigureAwait(false);
        foreach (var quote in quotes)
        {
            show(quote);
        }

        await using var subscription = await {|RACE003:feed.SubscribeAsync(symbol, show)|}.ConfigureAwait(false);

""" + End, Interfaces + """
        await using var subscription = await feed.SubscribeAsync(symbol, show).ConfigureAwait(false);
        var quotes = await store.SnapshotAsync(symbol).ConfigureAwait(false);
        foreach (var quote in quotes)
        {
            show(quote);
        }


""" + End, "race_analyzers.snapshot_read_methods = M:Acme.IQuoteStore.SnapshotAsync(System.String)\nrace_analyzers.subscribe_methods = Acme.IQuoteFeed.SubscribeAsync\n");
        }

        [Fact]
        public async Task ConfiguredSubscriptionThatUpdatesTheReadValue_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(Screen("""
        var balance = await ledger.Balance(account);
        {|RACE003:ticker.Follow(account, change => show(balance += change))|};

"""), Configured);
        }
    }
}
