using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Fixes.Layout
{
    /// <summary>
    /// Every fix keeps the file's line endings: a CRLF file stays CRLF (no lone LF from a new statement, a new
    /// block or the formatter), and an LF file stays LF. One input per kind of rewrite, each fixed until nothing is offered.
    /// </summary>
    public sealed class LineEndingTests
    {
        public static TheoryData<string, string> Inputs() => new TheoryData<string, string>
        {
            { "release into finally", Code.Method("        var conn = _pool.GetConnection();\n        _handler.Process(msg);\n        msg.Acknowledge();\n        _pool.ReturnConnection(conn);\n") },
            { "subscribe first, carrying the subscriber", ChatCode.Usings + "\npublic sealed class S\n{\n    public async Task Open(IConnectionMultiplexer redis, IDatabase db, string id, Action<RedisValue> send)\n    {\n        var history = await db.ListRangeAsync(\"chat:\" + id);\n        var bus = redis.GetSubscriber();\n        await bus.SubscribeAsync(RedisChannel.Literal(\"live:\" + id), (_, m) => send(m));\n    }\n}\n" },
            { "guarded atomic update", SqlCode.Reservation("        var onHand = await conn.ExecuteScalarAsync<int>(\"SELECT quantity_on_hand FROM stock WHERE sku = @sku\", new { sku });\n        if (onHand < qty)\n        {\n            return false;\n        }\n\n        var remaining = onHand - qty;\n        await conn.ExecuteAsync(\"UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku\", new { remaining, sku });\n        return true;\n") },
            { "claim in a transaction", SqlCode.Handler("        var seen = await db.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId\", new { eventId });\n        if (seen > 0)\n        {\n            return;\n        }\n\n        await db.ExecuteAsync(\"UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku\", new { sku });\n        await db.ExecuteAsync(\"INSERT INTO processed_events (event_id) VALUES (@eventId)\", new { eventId });\n") },
            { "commit out of finally, seek in catch", DeliveryCode.KafkaLoop("            try\n            {\n                await ApplyAsync(result.Message.Key, 1);\n            }\n            catch (NpgsqlException ex)\n            {\n                _logger.LogError(ex, \"write failed\");\n            }\n            finally\n            {\n                _consumer.Commit(result);\n            }\n") },
            { "seek added to an empty catch", DeliveryCode.KafkaLoop("            try\n            {\n                await ApplyAsync(result.Message.Key, 1);\n                _consumer.Commit(result);\n            }\n            catch (NpgsqlException) { }\n") },
        };

        [Theory]
        [MemberData(nameof(Inputs))]
        public async Task CrlfFile_StaysCrlf(string kind, string lfSource)
        {
            var source = lfSource.Replace("\r\n", "\n").Replace("\n", "\r\n");
            var fixedSource = await FixerOutput.FixedSourceAsync(source);
            Assert.NotEqual(source, fixedSource);
            var loneLineFeeds = Regex.Matches(fixedSource, "(?<!\r)\n").Count;
            Assert.True(loneLineFeeds == 0, $"{kind}: {loneLineFeeds} lone LF in\n{fixedSource}");
        }

        [Theory]
        [MemberData(nameof(Inputs))]
        public async Task LfFile_StaysLf(string kind, string lfSource)
        {
            var source = lfSource.Replace("\r\n", "\n");
            var fixedSource = await FixerOutput.FixedSourceAsync(source);
            Assert.NotEqual(source, fixedSource);
            Assert.True(!fixedSource.Contains('\r'), $"{kind}: CR in\n{fixedSource}");
        }
    }
}
