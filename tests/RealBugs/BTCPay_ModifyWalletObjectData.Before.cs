// btcpayserver/btcpayserver, BTCPayServer/Services/WalletRepository.cs (and BTCPayServer.Data/Data/WalletObjectData.cs),
// before 385b666 ("Fix race condition for ModifyWalletObjectData"): the wallet object is loaded with tracking, its JSON
// Data is parsed, modified and written back, and the context saves with no concurrency token; two concurrent edits of
// one object (a comment and a label, say) both start from the same Data and the later save drops the other's change.
// Newtonsoft's JObject is rendered with System.Text.Json's JsonObject (Newtonsoft is not referenced here).
#nullable disable
using System;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.BTCPay_ModifyWalletObjectData.Before;

public sealed class WalletObjectData
{
    public string WalletId { get; set; }
    public string Type { get; set; }
    public string Id { get; set; }
    public string Data { get; set; }
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
        using var ctx = _ContextFactory.CreateContext();
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
        await ctx.SaveChangesAsync(); // expect: RACE008
    }
}
