using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HeldOut.Orders;

public sealed class Order
{
    public Guid Id { get; set; }
    public string Customer { get; set; } = "";
    public decimal Total { get; set; }
}

public sealed class OrdersContext : DbContext
{
    public OrdersContext(DbContextOptions<OrdersContext> options) : base(options) { }

    public DbSet<Order> Orders => Set<Order>();
}

public sealed class OrderIngest
{
    private readonly IChannel _channel;
    private readonly Func<OrdersContext> _contexts;
    private readonly ILogger _log;

    public OrderIngest(IChannel channel, Func<OrdersContext> contexts, ILogger log)
    {
        _channel = channel;
        _contexts = contexts;
        _log = log;
    }

    public async Task StartEagerAsync()
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var order = JsonSerializer.Deserialize<Order>(delivery.Body.Span)!;
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false); // expect: RACE006
            await using var db = _contexts();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        };
        await _channel.BasicConsumeAsync("orders", autoAck: false, consumer);
    }

    public async Task StartAsync()
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var order = JsonSerializer.Deserialize<Order>(delivery.Body.Span)!;
            await using var db = _contexts();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await _channel.BasicConsumeAsync("orders", autoAck: false, consumer);
    }

    public async Task StartForgivingAsync()
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                var order = JsonSerializer.Deserialize<Order>(delivery.Body.Span)!;
                await using var db = _contexts();
                db.Orders.Add(order);
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException ex)
            {
                _log.LogError(ex, "could not store order");
            }

            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false); // expect: RACE007
        };
        await _channel.BasicConsumeAsync("orders", autoAck: false, consumer);
    }

    public async Task StartWithRedeliveryAsync()
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                var order = JsonSerializer.Deserialize<Order>(delivery.Body.Span)!;
                await using var db = _contexts();
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
            catch (DbUpdateException ex)
            {
                _log.LogError(ex, "could not store order, requeued");
                await _channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
            }
        };
        await _channel.BasicConsumeAsync("orders", autoAck: false, consumer);
    }

    public async Task StartArchiveAsync()
    {
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var order = JsonSerializer.Deserialize<Order>(delivery.Body.Span)!;
            await using var db = _contexts();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        };
        await _channel.BasicConsumeAsync("orders.archive", autoAck: true, consumer); // expect: RACE010
    }

    public async Task StartMetricsAsync()
    {
        var received = 0;
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received++;
            _log.LogDebug("metric {Bytes}", Encoding.UTF8.GetString(delivery.Body.Span).Length);
            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync("metrics", autoAck: true, consumer);
    }
}
