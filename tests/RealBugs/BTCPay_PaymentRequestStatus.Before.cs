// btcpayserver/btcpayserver, BTCPayServer/Services/PaymentRequests/PaymentRequestRepository.cs, before 8ffba4f
// (#7281, "Fix possible race condition when updating a PaymentRequest"): the request is loaded with tracking, its Status
// is checked and set, and the context saves with no concurrency check; two concurrent updates both see the old status,
// both save, and both publish StatusChanged (and Completed) for one change.
#nullable disable
using System;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Microsoft.EntityFrameworkCore;

namespace RealBugs.BTCPay_PaymentRequestStatus.Before;

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
        var paymentRequestData = await context.FindAsync<PaymentRequestData>(paymentRequestId);
        if (paymentRequestData == null || paymentRequestData.Status == status)
            return;
        paymentRequestData.Status = status;

        await context.SaveChangesAsync(cancellationToken); // expect: RACE008

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
