using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>
    /// RACE004's rewrites keep the layout around the statements they rewrite, exactly, in LF and in CRLF files:
    /// blank lines stay where they were (none appears where the read was, none is lost), comments stay with what
    /// they describe (a guard's end-of-line comment too), and no line ending changes kind. The method bodies start
    /// without a blank line, which the rule tests' template has and which would hide a moved one.
    /// </summary>
    public sealed class Race004LayoutFixTests
    {
        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public async Task GuardNextToTheWrite_TheCheckTakesTheGuardsPlace_NoBlankLineWhereTheReadWas(string lineEnding)
        {
            await AssertFixedAsync(lineEnding, """
        await conn.OpenAsync();
        var available = await conn.ExecuteScalarAsync<int>("SELECT available FROM stock WHERE sku = @sku", new { sku });
        if (available < qty)
        {
            throw new OutOfStockException();
        }

        await conn.ExecuteAsync("UPDATE stock SET available = @left WHERE sku = @sku", new { left = available - qty, sku });
        return true;
""", """
        await conn.OpenAsync();
        if (await conn.ExecuteAsync("UPDATE stock SET available = available - @qty WHERE sku = @sku AND available >= @qty", new { qty, sku }) == 0)
        {
            throw new OutOfStockException();
        }
        return true;
""");
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public async Task BlankLinesAndCommentsAroundEveryStatement_AreKept(string lineEnding)
        {
            await AssertFixedAsync(lineEnding, """
        await conn.OpenAsync();

        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });

        if (onHand < qty) return false; // nothing to reserve

        var remaining = onHand - qty;

        // take them
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining, sku });

        return true;
""", """
        await conn.OpenAsync();

        // take them
        if (await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", new { qty, sku }) == 0) return false; // nothing to reserve

        return true;
""");
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public async Task EndOfLineCommentsOfTheGuardAndTheWrite_BothStayOnTheLineThatNowSaysBoth(string lineEnding)
        {
            await AssertFixedAsync(lineEnding, """
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (onHand < qty) return false; // sold out
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku }); // reserve

        return true;
""", """
        if (await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", new { qty, sku }) == 0) return false; // sold out // reserve

        return true;
""");
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public async Task RowLock_BlankLinesAndCommentsStay(string lineEnding)
        {
            await AssertFixedAsync(lineEnding, """
        await conn.OpenAsync();

        // how many are left
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });

        if (onHand < qty) return false;

        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");

        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku }); // the write

        return true;
""", """
        await conn.OpenAsync();

        await using var transaction = await conn.BeginTransactionAsync();
        // how many are left
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);

        if (onHand < qty) return false;

        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");

        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku }, transaction: transaction); // the write
        await transaction.CommitAsync();

        return true;
""");
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public async Task CounterStep_ItsCommentGoesToTheWriteThatNowSteps_BlankLinesStay(string lineEnding)
        {
            await AssertFixedAsync(lineEnding, """
        var hits = await conn.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @sku", new { sku });

        // one more
        hits++;
        await conn.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @sku", new { hits, sku }); // saved

        return true;
""", """
        var hits = await conn.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @sku", new { sku });

        // one more
        await conn.ExecuteAsync("UPDATE counters SET hits = hits + @delta WHERE id = @sku", new { delta = 1, sku }); // saved

        return true;
""");
        }

        private static async Task AssertFixedAsync(string lineEnding, string body, string expectedBody)
        {
            var source = Reservation(body).Replace("\r\n", "\n").Replace("\n", lineEnding);
            var expected = Reservation(expectedBody).Replace("\r\n", "\n").Replace("\n", lineEnding);
            Assert.Equal(expected, await FixerOutput.FixedSourceAsync(source));
        }

        private static string Reservation(string body) => """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class OutOfStockException : Exception
{
}

public sealed class Reservations
{
    public async Task<bool> ReserveAsync(NpgsqlConnection conn, string sku, int qty)
    {

""" + body + """

    }
}

""";
    }
}
