using System;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;

namespace HeldOut.Catalog;

public sealed class Listing
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public int Available { get; set; }
    public int Views { get; set; }
    public string State { get; set; } = "draft";
    public decimal Price { get; set; }

    [ConcurrencyCheck]
    public int Reserved { get; set; }
}

public sealed class Voucher
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public int UsesLeft { get; set; }

    [Timestamp]
    public byte[] RowVersion { get; set; } = Array.Empty<byte>();
}

public sealed class CatalogContext : DbContext
{
    public CatalogContext(DbContextOptions<CatalogContext> options) : base(options) { }

    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Listing>().Property(l => l.Price).IsConcurrencyToken();
}

public sealed class CatalogService
{
    private readonly CatalogContext _db;

    public CatalogService(CatalogContext db) => _db = db;

    public async Task<bool> SellAsync(string slug, int count, CancellationToken ct)
    {
        var listing = await _db.Listings.SingleAsync(l => l.Slug == slug, ct);
        if (listing.Available < count)
        {
            return false;
        }

        listing.Available -= count;
        await _db.SaveChangesAsync(ct); // expect: RACE008
        return true;
    }

    public async Task<bool> SellInOneStatementAsync(string slug, int count, CancellationToken ct)
    {
        var sold = await _db.Listings
            .Where(l => l.Slug == slug && l.Available >= count)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Available, l => l.Available - count), ct);
        return sold == 1;
    }

    public async Task CountViewAsync(Guid id)
    {
        var listing = await _db.Listings.FindAsync(id);
        if (listing == null)
        {
            return;
        }

        listing.Views = listing.Views + 1;
        await _db.SaveChangesAsync(); // expect: RACE008
    }

    public async Task PublishAsync(Guid id)
    {
        var listing = await _db.Listings.FirstAsync(l => l.Id == id);
        if (listing.State == "draft")
        {
            listing.State = "live";
        }

        await _db.SaveChangesAsync(); // expect: RACE008
    }

    // Reserved is a concurrency token: a concurrent change makes this save throw.
    public async Task ReserveAsync(Guid id)
    {
        var listing = await _db.Listings.FirstAsync(l => l.Id == id);
        listing.Reserved++;
        await _db.SaveChangesAsync();
    }

    // Price is a token by fluent configuration.
    public async Task DiscountAsync(Guid id, decimal percent)
    {
        var listing = await _db.Listings.FirstAsync(l => l.Id == id);
        listing.Price -= listing.Price * percent / 100;
        await _db.SaveChangesAsync();
    }

    // The row version covers every column of the voucher.
    public async Task<bool> RedeemAsync(string code)
    {
        var voucher = await _db.Vouchers.SingleAsync(v => v.Code == code);
        if (voucher.UsesLeft == 0)
        {
            return false;
        }

        voucher.UsesLeft--;
        await _db.SaveChangesAsync();
        return true;
    }

    public async Task RenameAsync(Guid id, string slug)
    {
        var listing = await _db.Listings.FirstAsync(l => l.Id == id);
        listing.Slug = slug;
        await _db.SaveChangesAsync();
    }

    public async Task RestockUnderSerializableAsync(Guid id, int count)
    {
        await using var tx = await _db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        var listing = await _db.Listings.FirstAsync(l => l.Id == id);
        listing.Available += count;
        await _db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}

public sealed class ViewCounter
{
    private readonly Func<CatalogContext> _contexts;

    public ViewCounter(Func<CatalogContext> contexts) => _contexts = contexts;

    public async Task RunAsync(string servers, CancellationToken ct)
    {
        var config = new ConsumerConfig { BootstrapServers = servers, GroupId = "views" };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("listing-views");
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct); // expect: RACE010
            await using var db = _contexts();
            await db.Listings.Where(l => l.Slug == result.Message.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Views, l => l.Views + 1), ct);
        }
    }

    public async Task RunStoringAfterTheWriteAsync(string servers, CancellationToken ct)
    {
        var config = new ConsumerConfig { BootstrapServers = servers, GroupId = "views", EnableAutoOffsetStore = false };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("listing-views");
        while (!ct.IsCancellationRequested)
        {
            var result = consumer.Consume(ct);
            await using var db = _contexts();
            await db.Listings.Where(l => l.Slug == result.Message.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Views, l => l.Views + 1), ct);
            consumer.StoreOffset(result);
        }
    }
}
