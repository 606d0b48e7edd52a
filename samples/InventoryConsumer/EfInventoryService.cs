using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace InventoryConsumer
{
    /// <summary>
    /// The inventory race as most C# services write it: through EF Core. The product is loaded with tracking, its
    /// stock changed in code and saved; the UPDATE names only the key, so of two concurrent saves the later wins.
    /// </summary>
    public sealed class EfInventoryService
    {
        private readonly InventoryContext _db;

        public EfInventoryService(InventoryContext db) => _db = db;

        public async Task<bool> ReserveAsync(string sku, int quantity)
        {
            var product = await _db.Products.SingleAsync(p => p.Sku == sku);
            if (product.Stock < quantity)
            {
                return false;
            }

            product.Stock -= quantity;
            await _db.SaveChangesAsync(); // RACE008: two reservations load 5, both pass the check, both save 4
            return true;
        }

        public async Task<int> RestockAsync(string sku, int delivered)
        {
            var product = await _db.Products.SingleAsync(p => p.Sku == sku);
            product.Stock += delivered;
            product.LastDelivery = delivered;
            await _db.SaveChangesAsync(); // RACE008: a reservation saved in between is overwritten
            return product.Stock;
        }

        /// <summary>The price is a concurrency token: a concurrent change makes this save throw instead of losing it.</summary>
        public async Task RaisePriceAsync(string sku, decimal percent)
        {
            var product = await _db.Products.SingleAsync(p => p.Sku == sku);
            product.Price += product.Price * percent / 100;
            await _db.SaveChangesAsync();
        }
    }

    public sealed class Product
    {
        public int Id { get; set; }

        public string Sku { get; set; } = "";

        public int Stock { get; set; }

        public int LastDelivery { get; set; }

        [ConcurrencyCheck]
        public decimal Price { get; set; }
    }

    public sealed class InventoryContext : DbContext
    {
        public InventoryContext(DbContextOptions<InventoryContext> options)
            : base(options)
        {
        }

        public DbSet<Product> Products => Set<Product>();
    }
}
