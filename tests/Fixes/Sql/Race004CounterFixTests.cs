using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.AtomicUpdateFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>
    /// RACE004's counter form: the read value kept in a local, stepped once (<c>hits++</c>, <c>hits += n</c>,
    /// <c>hits = hits - n</c>) and written back. When nothing else uses the local, the UPDATE steps the column
    /// itself and the local's step goes; the SQL may sit in <c>const</c> raw strings used only there. Otherwise
    /// the row lock is offered.
    /// </summary>
    public sealed class Race004CounterFixTests
    {
        [Fact]
        public async Task IncrementedLocal_SqlInConstRawStrings_UpdateStepsTheColumn()
        {
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
""""), SqlCode.Handler(""""
        const string select = """
            SELECT hits FROM counters WHERE id = @id
            """;
        const string update = """
            UPDATE counters SET hits = hits + @delta WHERE id = @id
            """;
        var hits = await db.QuerySingleAsync<int>(select, new { id = sku });
        await db.ExecuteAsync(update, new { delta = 1, id = sku });
""""));
        }

        [Fact]
        public async Task CompoundAssignment_ConstFields_TheStepIsBound()
        {
            await Verify.VerifyCodeFixAsync(CounterFields("""
        var views = await db.ExecuteScalarAsync<int>(SelectViews, new { page });

        // count this batch
        views += batch;
        await {|RACE004:db.ExecuteAsync(UpdateViews, new { views, page })|};
""", "@views"), CounterFields("""
        var views = await db.ExecuteScalarAsync<int>(SelectViews, new { page });

        // count this batch
        await db.ExecuteAsync(UpdateViews, new { batch, page });
""", "views + @batch"));
        }

        [Theory]
        [InlineData("--hits;")]
        [InlineData("hits--;")]
        [InlineData("hits -= 1;")]
        [InlineData("hits = hits - 1;")]
        public async Task Decrements_SubtractInSql(string step)
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id", new { id = sku });
        
""".TrimEnd(' ') + "        " + step + """

        await {|RACE004:db.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @id", new { hits, id = sku })|};
"""), SqlCode.Handler("""
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id", new { id = sku });
        await db.ExecuteAsync("UPDATE counters SET hits = hits - @delta WHERE id = @id", new { delta = 1, id = sku });
"""));
        }

        [Fact]
        public async Task AdoNetParameter_IsRebound()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""
        await using var read = new NpgsqlCommand("SELECT hits FROM counters WHERE id = @id", db);
        read.Parameters.AddWithValue("id", sku);
        var hits = (int)(await read.ExecuteScalarAsync())!;
        hits = hits + delta;
        await using var write = new NpgsqlCommand("UPDATE counters SET hits = @hits WHERE id = @id", db);
        write.Parameters.AddWithValue("hits", hits);
        write.Parameters.AddWithValue("id", sku);
        await {|RACE004:write.ExecuteNonQueryAsync()|};
"""), SqlCode.Handler("""
        await using var read = new NpgsqlCommand("SELECT hits FROM counters WHERE id = @id", db);
        read.Parameters.AddWithValue("id", sku);
        var hits = (int)(await read.ExecuteScalarAsync())!;
        await using var write = new NpgsqlCommand("UPDATE counters SET hits = hits + @delta WHERE id = @id", db);
        write.Parameters.AddWithValue("delta", delta);
        write.Parameters.AddWithValue("id", sku);
        await write.ExecuteNonQueryAsync();
"""));
        }

        [Fact]
        public async Task UpdateConstUsedElsewhere_IsNotChanged_TheRowIsLockedInstead()
        {
            // Rewriting the shared constant would change the other statement that runs it.
            await Verify.VerifyCodeFixAsync(CounterFields("""
        var views = await db.ExecuteScalarAsync<int>("SELECT views FROM pages WHERE page = @page", new { page });
        views++;
        await {|RACE004:db.ExecuteAsync(UpdateViews, new { views, page })|};
        await db.ExecuteAsync(UpdateViews, new { views = 0, page = "reset" });
""", "@views"), CounterFields("""
        await using var transaction = await db.BeginTransactionAsync();
        var views = await db.ExecuteScalarAsync<int>("SELECT views FROM pages WHERE page = @page FOR UPDATE", new { page }, transaction: transaction);
        views++;
        await db.ExecuteAsync(UpdateViews, new { views, page }, transaction: transaction);
        await transaction.CommitAsync();
        await db.ExecuteAsync(UpdateViews, new { views = 0, page = "reset" });
""", "@views"));
        }

        [Fact]
        public async Task StepUnderACondition_IsNotTheCounterForm()
        {
            // Counted only on some paths: SET hits = hits + 1 would count on every one.
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id", new { id = sku });
        if (delta > 0) hits++;
        await {|RACE004:db.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @id", new { hits, id = sku })|};
"""), SqlCode.Handler("""
        await using var transaction = await db.BeginTransactionAsync();
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id FOR UPDATE", new { id = sku }, transaction: transaction);
        if (delta > 0) hits++;
        await db.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @id", new { hits, id = sku }, transaction: transaction);
        await transaction.CommitAsync();
"""));
        }

        [Fact]
        public async Task DeltaChangedAfterTheStep_IsNotTheCounterForm()
        {
            // Bound at the UPDATE, step would be read after it doubled: the row lock keeps what the code added.
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""
        var step = delta;
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id", new { id = sku });
        hits += step;
        step *= 2;
        await {|RACE004:db.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @id", new { hits, id = sku })|};
"""), SqlCode.Handler("""
        var step = delta;
        await using var transaction = await db.BeginTransactionAsync();
        var hits = await db.QuerySingleAsync<int>("SELECT hits FROM counters WHERE id = @id FOR UPDATE", new { id = sku }, transaction: transaction);
        hits += step;
        step *= 2;
        await db.ExecuteAsync("UPDATE counters SET hits = @hits WHERE id = @id", new { hits, id = sku }, transaction: transaction);
        await transaction.CommitAsync();
"""));
        }

        /// <summary>A page-view counter whose SQL is in private const raw-string fields; <paramref name="set"/> is what SET assigns.</summary>
        private static string CounterFields(string body, string set) => """"
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class PageViews
{
    private const string SelectViews = """
        SELECT views FROM pages WHERE page = @page
        """;

    private const string UpdateViews = """
        UPDATE pages SET views = 
"""" + set + """"
 WHERE page = @page
        """;

    public async Task CountAsync(NpgsqlConnection db, string page, int batch)
    {

"""" + body + """"

    }
}

"""";
    }
}
