using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.EfCore.TrackedEntityAnalyzer, RaceAnalyzers.CodeFixes.EfCore.EntityConcurrencyFixer>;

namespace RaceAnalyzers.Tests.Fixes.EfCore
{
    /// <summary>
    /// RACE008's fixes: an entity loaded only for one checked change becomes one ExecuteUpdate with the check in
    /// its Where and the check's branch run when no row was updated; otherwise the property becomes a concurrency
    /// token in the file that declares it.
    /// </summary>
    public sealed class Race008FixTests
    {
        [Fact]
        public async Task GuardedReservation_BecomesOneExecuteUpdate()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        var product = await _db.Products.SingleAsync(p => p.Sku == sku);
        if (product.Stock < qty)
        {
            return false;
        }

        product.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
"""), EfCoreCode.Service("""
        var updated = await _db.Products.Where(p => p.Sku == sku && p.Stock >= qty).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
        if (updated == 0)
        {
            return false;
        }

        await _db.SaveChangesAsync();
"""));
        }

        [Fact]
        public async Task SynchronousLoadWithAnIncrementAndAThrowingCheck_BecomesExecuteUpdate()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        var product = _db.Products.Single(item => item.Sku == sku || item.Name == sku);
        if (product.Stock >= 100) throw new InvalidOperationException("full");
        product.Stock++;
        {|RACE008:_db.SaveChanges()|};
        await Task.Yield();
"""), EfCoreCode.Service("""
        var updated = _db.Products.Where(item => (item.Sku == sku || item.Name == sku) && item.Stock < 100).ExecuteUpdate(s => s.SetProperty(item => item.Stock, item => item.Stock + 1));
        if (updated == 0) throw new InvalidOperationException("full");
        _db.SaveChanges();
        await Task.Yield();
"""));
        }

        [Fact]
        public async Task FirstByTheKey_BecomesExecuteUpdate()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        var product = await _db.Products.FirstOrDefaultAsync(p => p.Id == 7 && p.Sku == sku);
        _ = sku.Length;
        if (product!.Stock - qty < 0)
        {
            return false;
        }

        product.Stock = product.Stock - qty;
        await {|RACE008:_db.SaveChangesAsync()|};
"""), EfCoreCode.Service("""
        var updated = await _db.Products.Where(p => (p.Id == 7 && p.Sku == sku) && p.Stock - qty >= 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
        _ = sku.Length;
        if (updated == 0)
        {
            return false;
        }

        await _db.SaveChangesAsync();
"""));
        }

        /// <summary>First by another column may match several rows: an update would change them all, so the token fix applies.</summary>
        [Fact]
        public async Task FirstByANonKeyColumn_GetsAConcurrencyToken()
        {
            const string body = """
        var product = await _db.Products.FirstAsync(p => p.Sku == sku);
        if (product.Stock < qty)
        {
            return false;
        }

        product.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
""";
            await Verify.VerifyCodeFixAsync(
                EfCoreCode.Service(body),
                EfCoreCode.Service(body.Replace("{|RACE008:", "").Replace(")|}", ")"), EfCoreCode.Entity("    [ConcurrencyCheck]\n")));
        }

        [Fact]
        public async Task EntityUsedForMoreThanTheChange_GetsAConcurrencyToken()
        {
            const string body = """
        var product = await _db.Products.FirstAsync(p => p.Sku == sku);
        product.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
        Console.WriteLine(product.Name);
""";
            await Verify.VerifyCodeFixAsync(
                EfCoreCode.Service(body),
                EfCoreCode.Service(body.Replace("{|RACE008:", "").Replace(")|}", ")"), EfCoreCode.Entity("    [ConcurrencyCheck]\n")));
        }

        [Fact]
        public async Task EntityInAnotherFile_GetsTheTokenAndTheUsingThere()
        {
            const string service = """
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

public sealed class Restock
{
    public async Task AddAsync(ShopContext db, int id, int delivered)
    {
        var product = await db.Products.SingleAsync(p => p.Id == id);
        product.Stock += delivered;
        await {|RACE008:db.SaveChangesAsync()|};
        await db.Entry(product).ReloadAsync();
    }

    public void Take(ShopContext db, int id)
    {
        var product = db.Products.Single(p => p.Id == id);
        product.Stock--;
        {|RACE008:db.SaveChanges()|};
        db.Entry(product).Reload();
    }
}
""";
            const string model = """
using Microsoft.EntityFrameworkCore;

public sealed class Product
{
    public int Id { get; set; }
    public int Stock { get; set; }
}

public sealed class ShopContext : DbContext
{
    public DbSet<Product> Products => Set<Product>();
}
""";
            const string fixedModel = """
using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;

public sealed class Product
{
    public int Id { get; set; }
    [ConcurrencyCheck]
    public int Stock { get; set; }
}

public sealed class ShopContext : DbContext
{
    public DbSet<Product> Products => Set<Product>();
}
""";
            await Verify.VerifyCodeFixAsync(
                new[] { service, model },
                new[] { service.Replace("{|RACE008:", "").Replace(")|}", ")"), fixedModel });
        }
    }
}
