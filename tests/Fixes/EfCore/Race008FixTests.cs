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
        var updated = await _db.Products
            .Where(p => p.Sku == sku && p.Stock >= qty)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
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
        var updated = _db.Products
            .Where(item => (item.Sku == sku || item.Name == sku) && item.Stock < 100)
            .ExecuteUpdate(s => s.SetProperty(item => item.Stock, item => item.Stock + 1));
        if (updated == 0) throw new InvalidOperationException("full");
        _db.SaveChanges();
        await Task.Yield();
"""));
        }

        /// <summary>
        /// Work between the load and the save keeps the load and the check where they were (the work runs only after
        /// the check passed, before anything changes); the update re-checks where the save was.
        /// </summary>
        [Fact]
        public async Task FirstByTheKeyWithWorkBeforeTheCheck_KeepsTheCheckAndUpdatesWhereTheSaveWas()
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
        var product = await _db.Products.FirstOrDefaultAsync(p => p.Id == 7 && p.Sku == sku);
        _ = sku.Length;
        if (product!.Stock - qty < 0)
        {
            return false;
        }

        var updated = await _db.Products
            .Where(p => (p.Id == 7 && p.Sku == sku) && p.Stock - qty >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
        if (updated == 0)
        {
            return false;
        }

        await _db.SaveChangesAsync();
"""));
        }

        /// <summary>
        /// Issue 27's reservation: Find by key, a null test and a comparison joined by ||, an awaited call, the
        /// change. The null test is carried by the row being there, the comparison by the Where; the context is the
        /// function's own and saves nothing else, so its save goes.
        /// </summary>
        [Fact]
        public async Task FindWithANullTestOrAComparisonAndAnAwaitedCall_UpdatesAfterTheCallAndDropsTheEmptySave()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        await using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var product = await db.Products.FindAsync(7);
        if (product is null || product.Stock < qty) return false;
        await Task.Yield(); // the audit call
        product.Stock -= qty;
        await {|RACE008:db.SaveChangesAsync()|};
"""), EfCoreCode.Service("""
        await using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var product = await db.Products.FindAsync(7);
        if (product is null || product.Stock < qty) return false;
        await Task.Yield(); // the audit call
        var updated = await db.Products
            .Where(p => p.Id == 7 && p.Stock >= qty)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
        if (updated == 0) return false;
"""));
        }

        [Fact]
        public async Task OwnContextUsedOnlyForTheChange_LosesItsEmptySave()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var product = await db.Products.SingleAsync(p => p.Sku == sku);
        if (product == null || product.Stock < qty)
        {
            return false;
        }

        product.Stock -= qty;
        await {|RACE008:db.SaveChangesAsync()|}.ConfigureAwait(false);

        Console.WriteLine(sku);
"""), EfCoreCode.Service("""
        using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var updated = await db.Products
            .Where(p => p.Sku == sku && p.Stock >= qty)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));
        if (updated == 0)
        {
            return false;
        }

        Console.WriteLine(sku);
"""));
        }

        /// <summary>The context also adds an entity: its save has something to save and stays.</summary>
        [Fact]
        public async Task OwnContextThatAlsoAddsAnEntity_KeepsTheSave()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var product = await db.Products.FindAsync(7);
        if (product == null)
        {
            return false;
        }

        product.Stock--;
        db.Add(new Product { Sku = sku });
        await {|RACE008:db.SaveChangesAsync()|};
"""), EfCoreCode.Service("""
        using var db = new ShopContext(new DbContextOptions<ShopContext>());
        var product = await db.Products.FindAsync(7);
        if (product == null)
        {
            return false;
        }

        db.Add(new Product { Sku = sku });
        var updated = await db.Products
            .Where(p => p.Id == 7)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - 1));
        if (updated == 0)
        {
            return false;
        }

        await db.SaveChangesAsync();
"""));
        }

        /// <summary>An unguarded First by the key: the update takes its place, and no row updated throws as First did.</summary>
        [Fact]
        public async Task UnguardedFirstByTheKey_BecomesExecuteUpdateThatThrowsWhenNoRowMatched()
        {
            await Verify.VerifyCodeFixAsync(EfCoreCode.Service("""
        var product = await _db.Products.FirstAsync(p => p.Id == 7);
        product.Stock += qty;
        await {|RACE008:_db.SaveChangesAsync()|};
"""), EfCoreCode.Service("""
        var updated = await _db.Products
            .Where(p => p.Id == 7)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + qty));
        if (updated == 0)
        {
            throw new InvalidOperationException("Sequence contains no elements.");
        }
        await _db.SaveChangesAsync();
"""));
        }

        /// <summary>The file lacks System.Linq for Where: it is added among the usings, in their order.</summary>
        [Fact]
        public async Task MissingUsing_IsAddedInTheFilesOrder()
        {
            const string before = """
using System;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

public static class Restock
{
    public static async Task AddAsync(ShopContext db, int id, int delivered)
    {
        var product = await db.Products.FindAsync(id);
        if (product is null)
        {
            throw new ArgumentException("no such product", nameof(id));
        }

        product.Stock += delivered;
        await {|RACE008:db.SaveChangesAsync()|};
    }
}

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
            const string after = """
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

public static class Restock
{
    public static async Task AddAsync(ShopContext db, int id, int delivered)
    {
        var updated = await db.Products
            .Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + delivered));
        if (updated == 0)
        {
            throw new ArgumentException("no such product", nameof(id));
        }

        await db.SaveChangesAsync();
    }
}

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
            await Verify.VerifyCodeFixAsync(before, after);
        }

        /// <summary>Work between the check and the write changes what the check read: the update cannot re-check it, so the token fix applies.</summary>
        [Fact]
        public async Task WorkThatChangesWhatTheCheckRead_GetsAConcurrencyToken()
        {
            const string body = """
        var product = await _db.Products.FindAsync(7);
        if (product is null || product.Stock < qty) return false;
        qty = qty * 2;
        product.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
""";
            await Verify.VerifyCodeFixAsync(
                EfCoreCode.Service(body),
                EfCoreCode.Service(body.Replace("{|RACE008:", "").Replace(")|}", ")"), EfCoreCode.Entity("    [ConcurrencyCheck]\n")));
        }

        /// <summary>The model makes Sku the key with HasKey: Id is not known to be unique, so First by Id gets the token fix.</summary>
        [Fact]
        public async Task FirstByIdWhenHasKeyNamesAnotherKey_GetsAConcurrencyToken()
        {
            const string body = """
        var product = await _db.Products.FirstAsync(p => p.Id == 7);
        product.Stock += qty;
        await {|RACE008:_db.SaveChangesAsync()|};
""";
            const string model = "        modelBuilder.Entity<Product>().HasKey(p => p.Sku);\n";
            await Verify.VerifyCodeFixAsync(
                EfCoreCode.Service(body, model: model),
                EfCoreCode.Service(body.Replace("{|RACE008:", "").Replace(")|}", ")"), EfCoreCode.Entity("    [ConcurrencyCheck]\n"), model));
        }

        /// <summary>Find without a check: a missing row was a NullReferenceException, not a case an update can keep, so the token fix applies.</summary>
        [Fact]
        public async Task UnguardedFind_GetsAConcurrencyToken()
        {
            const string body = """
        var product = await _db.Products.FindAsync(7);
        product!.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
""";
            await Verify.VerifyCodeFixAsync(
                EfCoreCode.Service(body),
                EfCoreCode.Service(body.Replace("{|RACE008:", "").Replace(")|}", ")"), EfCoreCode.Entity("    [ConcurrencyCheck]\n")));
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
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

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
