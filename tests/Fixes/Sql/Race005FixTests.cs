using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.ClaimInsertFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>RACE005's "Claim with ON CONFLICT DO NOTHING": exact output, where it is not offered, Fix All.</summary>
    public sealed class Race005FixTests
    {
        [Fact]
        public async Task CaseStudy_TheInsertBecomesTheClaim_InATransactionWithTheWork()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
"""), SqlCode.Handler("""

        await using var transaction = await db.BeginTransactionAsync();
        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId }, transaction: transaction);
        if (claimed == 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku }, transaction: transaction);
        await transaction.CommitAsync();
"""));
        }

        [Fact]
        public async Task BoolExistsCheck_IsRestatedOnTheRowCount_SynchronousTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var exists = db.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", new { eventId });
        if (exists)
        {
            return;
        }

        db.Execute("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        {|RACE005:db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku)", new { eventId, sku })|};
        await Task.CompletedTask;
"""), SqlCode.Handler("""

        using var transaction = db.BeginTransaction();
        var claimed = db.Execute("INSERT INTO processed_events (event_id, sku) VALUES (@eventId, @sku) ON CONFLICT (event_id) DO NOTHING", new { eventId, sku }, transaction: transaction);
        if (claimed == 0)
        {
            return;
        }

        db.Execute("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku }, transaction: transaction);
        transaction.Commit();
        await Task.CompletedTask;
"""));
        }

        [Fact]
        public async Task CheckInsideTheCondition_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        if (!await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", new { eventId }))
        {
            {|RACE005:db.Execute("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
        }
"""));
        }

        [Fact]
        public async Task ResultUsedForSomethingElse_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        Console.WriteLine(seen);
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
"""));
        }
    
        [Fact]
        public async Task CheckAlreadyInATransaction_TheClaimTakesItsPlaceInside()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId }, tx);
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku }, tx);
        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId }, tx)|};
        await tx.CommitAsync();
"""), SqlCode.Handler("""

        await using var tx = await db.BeginTransactionAsync();
        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId }, tx);
        if (claimed == 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku }, tx);
        await tx.CommitAsync();
"""));
        }

        [Fact]
        public async Task WorkOnAnotherConnection_GetsNoFix_TheClaimCouldNotRollBackWithIt()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await other.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
""", "NpgsqlConnection db, NpgsqlConnection other, string sku, string eventId"));
        }

        [Fact]
        public async Task AdoNetCheckAndInsertOutsideATransaction_TheInsertCommandIsMadeWhereTheCheckWas_AndJoinsTheTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        await using var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @eventId)", db);
        check.Parameters.AddWithValue("eventId", eventId);
        var exists = (bool)(await check.ExecuteScalarAsync())!;
        if (exists)
        {
            return;
        }

        await using var take = new NpgsqlCommand("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", db);
        take.Parameters.AddWithValue("sku", sku);
        await take.ExecuteNonQueryAsync();
        // remember it
        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId)", db);
        insert.Parameters.AddWithValue("eventId", eventId);
        await {|RACE005:insert.ExecuteNonQueryAsync()|};
"""), SqlCode.Handler("""
        await using var transaction = await db.BeginTransactionAsync();
        // remember it
        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", db);
        insert.Transaction = transaction;
        insert.Parameters.AddWithValue("eventId", eventId);
        var claimed = await insert.ExecuteNonQueryAsync();
        if (claimed == 0)
        {
            return;
        }

        await using var take = new NpgsqlCommand("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", db);
        take.Transaction = transaction;
        take.Parameters.AddWithValue("sku", sku);
        await take.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
"""));
        }

        [Fact]
        public async Task AdoNetClaimGuardingNothingElse_NeedsNoTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId)", db);
        insert.Parameters.AddWithValue("eventId", eventId);
        await {|RACE005:insert.ExecuteNonQueryAsync()|};
"""), SqlCode.Handler("""

        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", db);
        insert.Parameters.AddWithValue("eventId", eventId);
        var claimed = await insert.ExecuteNonQueryAsync();
        if (claimed == 0)
        {
            return;
        }
"""));
        }

        [Fact]
        public async Task WorkAfterTheInsert_CommitsWithTheClaim_TheTransactionEndsAfterTheLastOfIt()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|}; // mark it
        // then apply it
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku });
        Console.WriteLine(sku);
"""), SqlCode.Handler("""

        await using var transaction = await db.BeginTransactionAsync();
        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId }, transaction: transaction); // mark it
        if (claimed == 0)
        {
            return;
        }

        // then apply it
        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { delta, sku }, transaction: transaction);
        await transaction.CommitAsync();
        Console.WriteLine(sku);
"""));
        }

        [Fact]
        public async Task DapperClaimFollowedOnlyByWorkOutsideTheDatabase_NeedsNoTransaction()
        {
            await Verify.VerifyCodeFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
        Console.WriteLine(eventId);
"""), SqlCode.Handler("""

        var claimed = await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId });
        if (claimed == 0)
        {
            return;
        }

        Console.WriteLine(eventId);
"""));
        }

        [Fact]
        public async Task WorkAfterTheInsertOnAnotherConnection_GetsNoFix_TheClaimCouldNotCommitWithIt()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await {|RACE005:db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId })|};
        await other.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
""", "NpgsqlConnection db, NpgsqlConnection other, string sku, string eventId"));
        }

        [Fact]
        public async Task AdoNetInsertCommandUsedAgain_GetsNoFix()
        {
            await Verify.VerifyNoFixAsync(SqlCode.Handler("""

        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("INSERT INTO processed_events (event_id) VALUES (@eventId)", db);
        insert.Parameters.AddWithValue("eventId", eventId);
        await {|RACE005:insert.ExecuteNonQueryAsync()|};
        Console.WriteLine(insert.CommandText);
"""));
        }
    }
}
