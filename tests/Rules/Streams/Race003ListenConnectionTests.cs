using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Streams.SnapshotBeforeSubscribeAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Streams
{
    /// <summary>
    /// PostgreSQL LISTEN after a read on the same connection or data source is related to the read, even when
    /// the channel name shares no value with the query: notifications sent between the read and the LISTEN reach
    /// no one. Reads on another connection, and LISTEN before the read, are not flagged.
    /// </summary>
    public sealed class Race003ListenConnectionTests
    {
        private static string Feed(string body) => ChatCode.Usings + """
using Dapper;
using Npgsql;

public sealed class OrderFeed
{
    private readonly NpgsqlDataSource _orders = null!;
    private readonly NpgsqlDataSource _audit = null!;

    public async Task RunAsync(NpgsqlConnection connection, NpgsqlConnection other, string shop)
    {
""" + body + """

    }
}
""";

        [Fact]
        public async Task ListenThroughDapper_AfterAReadOnTheSameConnection_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        await {|RACE003:connection.ExecuteAsync("LISTEN orders_changed")|};
"""));
        }

        [Fact]
        public async Task ListenCommand_AfterACommandOnTheSameConnection_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        await using var read = new NpgsqlCommand("SELECT body FROM orders", connection);
        var first = await read.ExecuteScalarAsync();
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", connection);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};
"""));
        }

        [Fact]
        public async Task ListenOnAConnectionOfTheDataSourceTheReadUsed_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        var first = await _orders.CreateCommand("SELECT body FROM orders").ExecuteScalarAsync();
        await using var conn = await _orders.OpenConnectionAsync();
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", conn);
        await {|RACE003:listen.ExecuteNonQueryAsync()|};
"""));
        }

        /// <summary>
        /// A SQL call is a possible LISTEN only where some source file mentions LISTEN (the gate that keeps the
        /// rule off data-access code); the word in another file, in a constant the call uses, is enough.
        /// </summary>
        [Fact]
        public async Task ListenTextInAConstantOfAnotherFile_IsFlagged()
        {
            var channels = """
public static class Channels
{
    public const string OrdersChanged = "LISTEN orders_changed";
}
""";
            await Verify.VerifyAnalyzerAsync(new[]
            {
                Feed("""
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        await {|RACE003:connection.ExecuteAsync(Channels.OrdersChanged)|};
"""),
                channels,
            });
        }

        [Fact]
        public async Task ExecuteAfterARead_WithNoListenAnywhereInSource_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        await connection.ExecuteAsync("UPDATE shops SET seen = now() WHERE id = @shop", new { shop });
"""));
        }

        [Fact]
        public async Task ReadOnAnotherConnection_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        var rows = await other.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
        await connection.ExecuteAsync("LISTEN orders_changed");
"""));
        }

        [Fact]
        public async Task ReadOnAnotherDataSource_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        var first = await _audit.CreateCommand("SELECT body FROM audit").ExecuteScalarAsync();
        await using var conn = await _orders.OpenConnectionAsync();
        await using var listen = new NpgsqlCommand("LISTEN orders_changed", conn);
        await listen.ExecuteNonQueryAsync();
"""));
        }

        [Fact]
        public async Task ListenBeforeTheRead_IsNotFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Feed("""
        await connection.ExecuteAsync("LISTEN orders_changed");
        var rows = await connection.QueryAsync<string>("SELECT body FROM orders WHERE shop = @shop", new { shop });
"""));
        }
    }
}
