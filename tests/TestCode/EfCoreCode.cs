namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>An EF Core inventory: a <c>Product</c> entity, its context and a service whose method body the test writes.</summary>
    internal static class EfCoreCode
    {
        public const string Usings = """
using System;
using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

""";

        /// <summary>The entity with <paramref name="stockAttributes"/> on Stock and <paramref name="extraMembers"/>.</summary>
        public static string Entity(string stockAttributes = "", string extraMembers = "") => """

public sealed class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
""" + "\n" + stockAttributes + """
    public int Stock { get; set; }
    public string Name { get; set; } = "";
""" + "\n" + extraMembers + """
}

""";

        /// <summary>A context with <paramref name="model"/> as the body of OnModelCreating.</summary>
        public static string Context(string model = "") => """

public sealed class ShopContext : DbContext
{
    public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }

    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
""" + "\n" + model + """
    }
}

""";

        /// <summary>The whole file: a service with a method <c>ReserveAsync(sku, qty)</c> holding <paramref name="body"/>.</summary>
        public static string Service(string body, string entity = "", string model = "", string extra = "")
            => Usings + """
public sealed class Inventory
{
    private readonly ShopContext _db;

    public Inventory(ShopContext db) => _db = db;

    public async Task<bool> ReserveAsync(string sku, int qty)
    {
""" + "\n" + body.TrimEnd('\n') + "\n" + """
        return true;
    }
}

""" + (entity.Length > 0 ? entity : Entity()) + Context(model) + extra;
    }
}
