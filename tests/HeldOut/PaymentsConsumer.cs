using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HeldOut.Payments;

public sealed record Payment(string Id, string Account, decimal Amount);

public interface IPaymentStore
{
    Task SaveAsync(Payment payment, CancellationToken ct);
}

public sealed class PaymentStore : IPaymentStore
{
    private readonly NpgsqlDataSource _db;

    public PaymentStore(NpgsqlDataSource db) => _db = db;

    public async Task SaveAsync(Payment payment, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(
            "INSERT INTO payments(id, account, amount) VALUES (@Id, @Account, @Amount) ON CONFLICT (id) DO NOTHING",
            payment);
    }
}

public sealed class PaymentsWorker
{
    private readonly IConsumer<string, string> _consumer;
    private readonly IPaymentStore _store;
    private readonly NpgsqlDataSource _db;
    private readonly ILogger<PaymentsWorker> _log;

    public PaymentsWorker(IConsumer<string, string> consumer, IPaymentStore store, NpgsqlDataSource db, ILogger<PaymentsWorker> log)
    {
        _consumer = consumer;
        _store = store;
        _db = db;
        _log = log;
    }

    // Commits as soon as the message is parsed: a crash before the save loses the payment.
    public async Task RunEagerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            var payment = JsonSerializer.Deserialize<Payment>(result.Message.Value)!;
            _consumer.Commit(result); // expect: RACE006
            await _store.SaveAsync(payment, ct);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            var payment = JsonSerializer.Deserialize<Payment>(result.Message.Value)!;
            await _store.SaveAsync(payment, ct);
            _consumer.Commit(result);
        }
    }

    // A failed save is logged and the next commit moves the offset past it.
    public async Task RunForgivingAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            try
            {
                var payment = JsonSerializer.Deserialize<Payment>(result.Message.Value)!;
                await _store.SaveAsync(payment, ct);
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "payment {Key} failed", result.Message.Key);
            }

            _consumer.Commit(result); // expect: RACE007
        }
    }

    public async Task RunWithRetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            try
            {
                var payment = JsonSerializer.Deserialize<Payment>(result.Message.Value)!;
                await _store.SaveAsync(payment, ct);
                _consumer.Commit(result);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "payment {Key} will be read again", result.Message.Key);
                _consumer.Seek(result.TopicPartitionOffset);
            }
        }
    }

    public async Task RunInlineAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            await using (var conn = await _db.OpenConnectionAsync(ct))
            {
                await conn.ExecuteAsync("INSERT INTO payment_log(key, body) VALUES (@Key, @Value)", new { result.Message.Key, result.Message.Value });
            }

            _consumer.Commit(result);
        }
    }

    public async Task HandleAsync(ConsumeResult<string, string> message, Payment payment, CancellationToken ct)
    {
        _consumer.Commit(message); // expect: RACE006
        await using var conn = await _db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync("UPDATE accounts SET balance = balance + @Amount WHERE id = @Account", payment);
    }

    public async Task HandleInOrderAsync(ConsumeResult<string, string> message, Payment payment, CancellationToken ct)
    {
        await using (var conn = await _db.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync("UPDATE accounts SET balance = balance + @Amount WHERE id = @Account", payment);
        }

        _consumer.Commit(message);
    }
}
