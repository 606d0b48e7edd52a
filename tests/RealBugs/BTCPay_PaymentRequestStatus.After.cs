// btcpayserver/btcpayserver, BTCPayServer/Services/PaymentRequests/PaymentRequestRepository.cs, fixed in 8ffba4f: one
// UPDATE … WHERE "Status" != @status changes the status, and only the caller whose UPDATE changed the row publishes.
#nullable disable
using System;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.BTCPay_PaymentRequestStatus.After;

public enum PaymentRequestStatus
{
    Pending,
    Completed,
    Expired,
    Processing,
}

public sealed class PaymentRequestData
{
    public string Id { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Expiry { get; set; }
    public string StoreDataId { get; set; }
    public bool Archived { get; set; }
    public string Currency { get; set; }
    public decimal Amount { get; set; }
    public string Title { get; set; }
    public PaymentRequestStatus Status { get; set; }
}

public sealed class ApplicationDbContext : DbContext
{
    public ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : base(options)
    {
    }

    public DbSet<PaymentRequestData> PaymentRequests { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<PaymentRequestData>()
            .HasIndex(o => o.Status);
        builder.Entity<PaymentRequestData>()
            .Property(p => p.Status)
            .HasConversion<string>();
    }
}

public sealed class ApplicationDbContextFactory
{
    private readonly DbContextOptions<ApplicationDbContext> _options;

    public ApplicationDbContextFactory(DbContextOptions<ApplicationDbContext> options) => _options = options;

    public ApplicationDbContext CreateContext() => new ApplicationDbContext(_options);
}

public sealed class PaymentRequestEvent
{
    public const string StatusChanged = nameof(StatusChanged);
    public const string Completed = nameof(Completed);

    public PaymentRequestData Data { get; set; }
    public string Type { get; set; }
}

public interface IEventAggregator
{
    void Publish<T>(T evt);
}

public sealed class PaymentRequestRepository
{
    private readonly ApplicationDbContextFactory _ContextFactory;
    private readonly IEventAggregator _eventAggregator;

    public PaymentRequestRepository(ApplicationDbContextFactory contextFactory, IEventAggregator eventAggregator)
    {
        _ContextFactory = contextFactory;
        _eventAggregator = eventAggregator;
    }

    public async Task UpdatePaymentRequestStatus(string paymentRequestId, PaymentRequestStatus status, CancellationToken cancellationToken = default)
    {
        await using var context = _ContextFactory.CreateContext();
        var conn = context.Database.GetDbConnection();
        var affectedRows = await conn.ExecuteAsync("""
                                             UPDATE "PaymentRequests"
                                             SET "Status" = @status
                                             WHERE "Id" = @id AND "Status" != @status;
                                             """, new{ id = paymentRequestId, status = status.ToString()});
        if (affectedRows == 0)
            return;

        var paymentRequestData = await context.FindAsync<PaymentRequestData>(paymentRequestId);
        if (status != paymentRequestData?.Status)
            return;
        _eventAggregator.Publish(new PaymentRequestEvent()
        {
            Data = paymentRequestData,
            Type = PaymentRequestEvent.StatusChanged
        });

        if (status == PaymentRequestStatus.Completed)
        {
            _eventAggregator.Publish(new PaymentRequestEvent()
            {
                Data = paymentRequestData,
                Type = PaymentRequestEvent.Completed
            });
        }
    }
}
