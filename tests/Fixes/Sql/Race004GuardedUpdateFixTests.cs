using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.AtomicUpdateFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>
    /// RACE004 with a check on the read value before the write: the check moves into the UPDATE's WHERE and its
    /// branch runs when no row was updated; where the check cannot be said in SQL, no atomic fix is offered.
    /// </summary>
    public sealed class Race004GuardedUpdateFixTests
    {
        [Fact]
        public async Task GuardReturningFalse_MovesIntoWhere_AndRunsWhenNoRowWasUpdated()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (onHand < qty) return false;
        var remaining = onHand - qty;
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining, sku })|};
        return true;
"""), SqlCode.Reservation("""
        if (await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", new { qty, sku }) == 0) return false;
        return true;
"""));
        }

        [Fact]
        public async Task AdoNetCommands_GuardMovesIntoWhere_AndTheReadingCommandGoes()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        await using var read = new NpgsqlCommand("SELECT quantity_on_hand FROM stock WHERE sku = @sku", conn);
        read.Parameters.AddWithValue("sku", sku);
        var onHand = (int)(await read.ExecuteScalarAsync())!;
        if (onHand < qty)
        {
            return false;
        }

        await using var write = new NpgsqlCommand("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", conn);
        write.Parameters.AddWithValue("remaining", onHand - qty);
        write.Parameters.AddWithValue("sku", sku);
        await {|RACE004:write.ExecuteNonQueryAsync()|};
        return true;
"""), SqlCode.Reservation("""
        await using var write = new NpgsqlCommand("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", conn);
        write.Parameters.AddWithValue("qty", qty);
        write.Parameters.AddWithValue("sku", sku);
        if (await write.ExecuteNonQueryAsync() == 0)
        {
            return false;
        }
        return true;
"""));
        }

        [Fact]
        public async Task GuardOnTheComputedValue_ThrowingAndCommented_KeepsItsBranchAndComment()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        var product = await conn.QuerySingleAsync<Product>("SELECT sku, quantity_on_hand, reserved FROM stock WHERE sku = @sku", new { sku });
        var left = product.QuantityOnHand - qty;
        // never below zero
        if (left < 0) throw new OutOfStockException();
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @left WHERE sku = @sku RETURNING quantity_on_hand", new { left, sku })|};
        return true;
"""), SqlCode.Reservation("""
        // never below zero
        if (await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand - @qty >= 0 RETURNING quantity_on_hand", new { qty, sku }) == 0) throw new OutOfStockException();
        return true;
"""));
        }

        [Fact]
        public async Task ValueStillUsedAfterTheWrite_IsKept_WithTheRead()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (qty > onHand) return false;
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku })|};
        Console.WriteLine($"{sku}: {onHand} before");
        return true;
"""), SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = quantity_on_hand - @qty WHERE sku = @sku AND quantity_on_hand >= @qty", new { qty, sku }) == 0) return false;
        Console.WriteLine($"{sku}: {onHand} before");
        return true;
"""));
        }

        [Theory]
        [InlineData("if (onHand < qty || qty <= 0) return false;")]
        [InlineData("if (!Allows(onHand, qty)) return false;")]
        [InlineData("if (onHand * 2 < qty) return false;")]
        [InlineData("if (onHand >= qty) { } else { return false; }")]
        [InlineData("if (onHand < qty) Console.WriteLine(\"short\");")]
        [InlineData("if (onHand < qty) return false; await Task.Yield();")]
        [InlineData("if (onHand < qty) return false; if (onHand > 1000) return false;")]
        public async Task CheckTheSqlCannotCarry_GetsNoAtomicFix_TheRowIsLockedInstead(string check)
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation($$"""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        {{check}}
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku })|};
        return true;

        static bool Allows(int stock, int wanted) => stock >= wanted;
"""), SqlCode.Reservation($$"""
        await using var transaction = await conn.BeginTransactionAsync();
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        {{check}}
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku }, transaction: transaction);
        await transaction.CommitAsync();
        return true;

        static bool Allows(int stock, int wanted) => stock >= wanted;
"""));
        }

        [Fact]
        public async Task GuardWhoseRowCountIsAlreadyUsed_GetsNoAtomicFix_TheRowIsLockedInstead()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (onHand < qty) return false;
        var rows = await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku })|};
        return rows == 1;
"""), SqlCode.Reservation("""
        await using var transaction = await conn.BeginTransactionAsync();
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        if (onHand < qty) return false;
        var rows = await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku }, transaction: transaction);
        await transaction.CommitAsync();
        return rows == 1;
"""));
        }

        [Fact]
        public async Task WhereWithOr_GetsNoAtomicFix_TheRowIsLockedInstead()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        if (onHand < qty) return false;
        await {|RACE004:conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku OR alias = @sku", new { remaining = onHand - qty, sku })|};
        return true;
"""), SqlCode.Reservation("""
        await using var transaction = await conn.BeginTransactionAsync();
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, transaction: transaction);
        if (onHand < qty) return false;
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku OR alias = @sku", new { remaining = onHand - qty, sku }, transaction: transaction);
        await transaction.CommitAsync();
        return true;
"""));
        }

        [Fact]
        public async Task Message_SuggestsTheSignTheCodeUses()
        {
            await Verify.VerifyAnalyzerAsync(SqlCode.Reservation("""
        var onHand = await conn.ExecuteScalarAsync<int>("SELECT quantity_on_hand FROM stock WHERE sku = @sku", new { sku });
        await conn.ExecuteAsync("UPDATE stock SET quantity_on_hand = @remaining WHERE sku = @sku", new { remaining = onHand - qty, sku });
        return true;
"""), Verify.Diagnostic("RACE004").WithSpan(17, 15, 17, 138).WithSpan(16, 28, 16, 124).WithArguments(
                "conn.ExecuteAsync(\"UPDATE stock SET quantity_on_hand =…", "stock.quantity_on_hand",
                "conn.ExecuteScalarAsync<int>(\"SELECT quantity_on_hand FROM…", 16, "quantity_on_hand", "-"));
        }
    }
}
