using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Sql.SqlRaceAnalyzer, RaceAnalyzers.CodeFixes.Sql.ClaimInsertFixer>;

namespace RaceAnalyzers.Tests.Fixes.Sql
{
    /// <summary>
    /// RACE005's claim where the check's result is more than a test: the id it read is returned, or a switch on the
    /// count picks the branch. The claim runs first and the check reads back only when nothing was inserted.
    /// </summary>
    public sealed class Race005ReadBackFixTests
    {
        private static string Registry(string body) => """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class Registry
{
    public async Task<Guid> RegisterAsync(NpgsqlConnection conn, string email)
    {

""" + body + """

    }
}

""";

        private static string Labels(string body) => """
using System;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

public sealed class Labels
{
    public async Task PrintAsync(NpgsqlConnection conn, string orderId, int parcels)
    {

""" + body + """

    }
}

""";

        [Fact]
        public async Task CheckReturnsTheIdItRead_TheClaimRunsFirst_AndTheIdIsReadBackWhenNothingWasInserted()
        {
            await Verify.VerifyCodeFixAsync(Registry("""
        var existing = await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email });
        if (existing is not null)
        {
            return existing.Value;
        }

        // a new customer
        var id = Guid.NewGuid();
        await {|RACE005:conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email)", new { id, email })|}; // first registration wins
        return id;
"""), Registry("""
        // a new customer
        var id = Guid.NewGuid();
        var claimed = await conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email) ON CONFLICT (email) DO NOTHING", new { id, email }); // first registration wins
        var existing = claimed == 0 ? await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email }) : default;
        if (existing is not null)
        {
            return existing.Value;
        }

        return id;
"""));
        }

        [Fact]
        public async Task CountTestedByASwitch_TheCaseZeroSectionLosesTheInsert_AndTheCountIsReadBackWhenNothingWasInserted()
        {
            await Verify.VerifyCodeFixAsync(Labels("""
        var labels = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE order_id = @orderId", new { orderId });
        switch (labels)
        {
            case 0:
                await {|RACE005:conn.ExecuteAsync("INSERT INTO labels(order_id, parcels) VALUES (@orderId, @parcels)", new { orderId, parcels })|};
                break;

            default:
                // printed already
                Console.WriteLine(orderId);
                break;
        }
"""), Labels("""
        var claimed = await conn.ExecuteAsync("INSERT INTO labels(order_id, parcels) VALUES (@orderId, @parcels) ON CONFLICT (order_id) DO NOTHING", new { orderId, parcels });
        var labels = claimed == 0 ? await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE order_id = @orderId", new { orderId }) : default;
        switch (labels)
        {
            case 0:
                break;

            default:
                // printed already
                Console.WriteLine(orderId);
                break;
        }
"""));
        }

        [Fact]
        public async Task ExitBetweenThatDoesNotTestTheResult_GetsNoFix_TheClaimWouldInsertWhereTheCodeLeft()
        {
            await Verify.VerifyNoFixAsync(Registry("""
        var existing = await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email });
        if (existing is not null)
        {
            return existing.Value;
        }

        var id = Guid.NewGuid();
        if (email.Length > 200)
        {
            return Guid.Empty;
        }

        await {|RACE005:conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email)", new { id, email })|};
        return id;
"""));
        }

        [Fact]
        public async Task SwitchWithAnotherCountCase_GetsNoFix_TheReadBackCountWouldNotPickTheSameSection()
        {
            await Verify.VerifyNoFixAsync(Labels("""
        var labels = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE order_id = @orderId", new { orderId });
        switch (labels)
        {
            case 0:
                await {|RACE005:conn.ExecuteAsync("INSERT INTO labels(order_id, parcels) VALUES (@orderId, @parcels)", new { orderId, parcels })|};
                break;
            case 1:
                Console.WriteLine("one label");
                break;
            default:
                Console.WriteLine(orderId);
                break;
        }
"""));
        }

        [Fact]
        public async Task WorkAfterTheInsert_GetsNoReadBackClaim_ItWouldHaveToCommitWithIt()
        {
            await Verify.VerifyNoFixAsync(Registry("""
        var existing = await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email });
        if (existing is not null)
        {
            return existing.Value;
        }

        var id = Guid.NewGuid();
        await {|RACE005:conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email)", new { id, email })|};
        await conn.ExecuteAsync("INSERT INTO welcome_mails(customer_id) VALUES (@id)", new { id });
        return id;
"""));
        }
    }
}
