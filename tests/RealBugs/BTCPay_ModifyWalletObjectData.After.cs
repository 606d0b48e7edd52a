// btcpayserver/btcpayserver, BTCPayServer/Services/WalletRepository.cs, fixed in 385b666: WalletObjectData gets a
// [Timestamp] xmin row version, so a save over a changed row throws DbUpdateConcurrencyException, and the method starts
// again from a fresh load (also when the row was created concurrently: DbUpdateException).
#nullable disable
using System;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.BTCPay_ModifyWalletObjectData.After;

public sealed class WalletObjectData
{
    public string WalletId { get; set; }
    public string Type { get; set; }
    public string Id { get; set; }
    public string Data { get; set; }
        [Timestamp]
        // With this, update of WalletObjectData will fail if the row was modified by another process
        public uint XMin { get; set; }
}

public sealed class ApplicationDbContext : DbContext
{
    public ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : base(options)
    {
    }

    public DbSet<WalletObjectData> WalletObjects { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<WalletObjectData>().HasKey(o => new { o.WalletId, o.Type, o.Id });
    }
}

public sealed class ApplicationDbContextFactory
{
    private readonly DbContextOptions<ApplicationDbContext> _options;

    public ApplicationDbContextFactory(DbContextOptions<ApplicationDbContext> options) => _options = options;

    public ApplicationDbContext CreateContext() => new ApplicationDbContext(_options);
}

public sealed record WalletObjectId(string WalletId, string Type, string Id);

public sealed class WalletRepository
{
    private readonly ApplicationDbContextFactory _ContextFactory;

    public WalletRepository(ApplicationDbContextFactory contextFactory) => _ContextFactory = contextFactory;

    public async Task SetWalletObjectComment(WalletObjectId id, string comment)
    {
        if (!string.IsNullOrEmpty(comment))
            await ModifyWalletObjectData(id, (o) => o["comment"] = comment.Trim());
        else
            await ModifyWalletObjectData(id, (o) => o.Remove("comment"));
    }

    public static WalletObjectData NewWalletObjectData(WalletObjectId id, JsonObject data = null)
    {
        return new WalletObjectData()
        {
            WalletId = id.WalletId.ToString(),
            Type = id.Type,
            Id = id.Id,
            Data = data?.ToJsonString()
        };
    }

    public async Task ModifyWalletObjectData(WalletObjectId id, Action<JsonObject> modify)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(modify);
        retry:
        using (var ctx = _ContextFactory.CreateContext())
        {
            var obj = await ctx.WalletObjects.FindAsync(id.WalletId.ToString(), id.Type, id.Id);
            if (obj is null)
            {
                obj = NewWalletObjectData(id);
                ctx.WalletObjects.Add(obj);
            }

            var currentData = obj.Data is null ? new JsonObject() : JsonNode.Parse(obj.Data).AsObject();
            modify(currentData);
            obj.Data = currentData.ToJsonString();
            if (obj.Data == "{}")
                obj.Data = null;
            try
            {
                await ctx.SaveChangesAsync();
            }
            // Race condition, retry
            catch (DbUpdateConcurrencyException)
            {
                goto retry;
            }
            // Got created simultaneously
            catch (DbUpdateException)
            {
                goto retry;
            }
        }
    }
}
