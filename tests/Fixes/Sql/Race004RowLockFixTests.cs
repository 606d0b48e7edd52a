using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.AtomicUpdateFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>
    /// RACE004 where the atomic rewrite cannot carry the check (work runs between the check and the write): the
    /// row is locked in a transaction opened before the read and committed after the write, every statement in
    /// between joining it; an early exit disposes the transaction, which rolls it back.
    /// </summary>
    public sealed class Race004RowLockFixTests
    {
        [Fact]
        public async Task DapperGuardWithWorkBeforeTheWrite_LocksTheRowInANewTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        // how many are left
        var stock = await conn.QuerySingleAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (stock < qty) return false;
        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");
        var history = await conn.QueryAsync<int>("SELECT qty FROM reservations WHERE sku = @sku", new { sku });
        var remaining = stock - qty;
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining, sku })|}; // the write
        return true;
"""), SqlCode.Reservation("""
        await using var transaction = await conn.BeginTransactionAsync();
        // how many are left
        var stock = await conn.QuerySingleAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        if (stock < qty) return false;
        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");
        var history = await conn.QueryAsync<int>("SELECT qty FROM reservations WHERE sku = @sku", new { sku }, transaction: transaction);
        var remaining = stock - qty;
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining, sku }, transaction: transaction); // the write
        await transaction.CommitAsync();
        return true;
"""));
        }

        [Fact]
        public async Task AdoNetCommands_EachGetsTheTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        await using var read = new NpgsqlCommand("SELECT quantity_on_hand FROM stock WHERE sku = @sku", conn);
        read.Parameters.AddWithValue("sku", sku);
        var onHand = (int)(await read.ExecuteScalarAsync())!;
        if (onHand < qty)
        {
            return false;
        }

        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");
        await using var write = new NpgsqlCommand("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", conn);
        write.Parameters.AddWithValue("remaining", onHand - qty);
        write.Parameters.AddWithValue("sku", sku);
        await {|RACE004:write.ExecuteNonQueryAsync()|};
        return true;
"""), SqlCode.Reservation("""
        await using var transaction = await conn.BeginTransactionAsync();
        await using var read = new NpgsqlCommand("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", conn);
        read.Transaction = transaction;
        read.Parameters.AddWithValue("sku", sku);
        var onHand = (int)(await read.ExecuteScalarAsync())!;
        if (onHand < qty)
        {
            return false;
        }

        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");
        await using var write = new NpgsqlCommand("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", conn);
        write.Transaction = transaction;
        write.Parameters.AddWithValue("remaining", onHand - qty);
        write.Parameters.AddWithValue("sku", sku);
        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
"""));
        }

        [Fact]
        public async Task SynchronousCode_UsesTheSynchronousTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""
        var stock = db.QuerySingle<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        var next = Math.Max(0, stock - delta);
        {|RACE004:db.Execute("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku })|};
        await Task.CompletedTask;
"""), SqlCode.Handler("""
        using var transaction = db.BeginTransaction();
        var stock = db.QuerySingle<int>("SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        var next = Math.Max(0, stock - delta);
        db.Execute("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next, sku }, transaction: transaction);
        transaction.Commit();
        await Task.CompletedTask;
"""));
        }

        [Fact]
        public async Task AWriteFollowedByAnEarlyExit_GetsNoRowLock_TheExitWouldRollItBack()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Reservation("""
        var stock = await conn.QuerySingleAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        await conn.ExecuteAsync("INSERT INTO attempts (sku) VALUES (@sku)", new { sku });
        if (stock < qty) return false;
        await Console.Out.WriteLineAsync($"reserve {sku} x{qty}");
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = stock - qty, sku })|};
        return true;
"""));
        }

        [Fact]
        public async Task WorkOnAnotherConnection_GetsNoRowLock()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        await other.ExecuteAsync("UPDATE holds SET reserved = 0 WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next = Math.Max(0, stock - delta), sku })|};
""", "NpgsqlConnection db, NpgsqlConnection other, string sku, int delta"));
        }

        [Fact]
        public async Task AggregateRead_GetsNoRowLock()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""
        var stock = await db.QuerySingleAsync<int>("SELECT MAX(current_stock) FROM products WHERE sku = @sku", new { sku });
        await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next = Math.Max(0, stock - delta), sku })|};
"""));
        }

        [Fact]
        public async Task WriteInAnotherBlock_GetsNoRowLock()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        for (var i = 0; i < 2; i++)
        {
            await {|RACE004:db.ExecuteAsync("UPDATE products SET current_stock = @next WHERE sku = @sku", new { next = Math.Max(0, stock - delta), sku })|};
        }
"""));
        }

        [Fact]
        public async Task CounterAlsoReadAfterItsStep_GetsTheRowLock_NotTheAtomicRewrite()
        {
            // The stepped local is logged after the write: SET hits = hits + 1 would leave it holding a stale count.
            await Verify.VerifyCodeFixAsync(SqlCode.Handler(""""
        const string select = """
            SELECT hits FROM counters WHERE id = @id
            """;
        const string update = """
            UPDATE counters SET hits = @hits WHERE id = @id
            """;
        var hits = await db.QuerySingleAsync<int>(select, new { id = sku });
        hits++;
        await {|RACE004:db.ExecuteAsync(update, new { hits, id = sku })|};
        Console.WriteLine($"{sku} seen {hits} times");
""""), SqlCode.Handler(""""
        const string select = """
            SELECT hits FROM counters WHERE id = @id FOR UPDATE
            """;
        const string update = """
            UPDATE counters SET hits = @hits WHERE id = @id
            """;
        await using var transaction = await db.BeginTransactionAsync();
        var hits = await db.QuerySingleAsync<int>(select, new { id = sku }, transaction: transaction);
        hits++;
        await db.ExecuteAsync(update, new { hits, id = sku }, transaction: transaction);
        await transaction.CommitAsync();
        Console.WriteLine($"{sku} seen {hits} times");
""""));
        }
    }
}
