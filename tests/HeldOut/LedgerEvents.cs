using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HeldOut.Ledger;

public sealed record LedgerEntry(string Account, long Cents);

/// <summary>Implemented in another assembly; only the contract is in this compilation.</summary>
public interface ILedgerWriter
{
    Task AppendAsync(LedgerEntry entry, CancellationToken ct);
    Task<long> CountAsync(string account, CancellationToken ct);
}

public sealed class LedgerConsumer
{
    private readonly IConsumer<string, string> _consumer;
    private readonly ILedgerWriter _ledger;
    private readonly IDatabase _cache;
    private readonly ILogger _log;

    public LedgerConsumer(IConsumer<string, string> consumer, ILedgerWriter ledger, IDatabase cache, ILogger log)
    {
        _consumer = consumer;
        _ledger = ledger;
        _cache = cache;
        _log = log;
    }

    public async Task ConsumeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            var entry = JsonSerializer.Deserialize<LedgerEntry>(result.Message.Value)!;
            _consumer.Commit(result); // expect: RACE006
            await _ledger.AppendAsync(entry, ct);
        }
    }

    public async Task ConsumeSafelyAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            var entry = JsonSerializer.Deserialize<LedgerEntry>(result.Message.Value)!;
            await _ledger.AppendAsync(entry, ct);
            _consumer.Commit(result);
            var seen = await _ledger.CountAsync(entry.Account, ct);
            _log.LogDebug("{Account} has {Count} entries", entry.Account, seen);
        }
    }

    public async Task ConsumeIntoCacheAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            _consumer.Commit(result); // expect: RACE006
            await _cache.HashIncrementAsync("balance", result.Message.Key, long.Parse(result.Message.Value));
        }
    }

    // Kafka offsets are cumulative: the next message's commit covers the one whose update failed.
    public async Task ConsumeSwallowingAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);
            try
            {
                await _cache.HashIncrementAsync("balance", result.Message.Key, long.Parse(result.Message.Value));
            }
            catch (RedisException ex)
            {
                _log.LogError(ex, "balance not updated");
                continue;
            }
            finally
            {
                _log.LogDebug("handled {Offset}", result.Offset);
            }

            _consumer.Commit(result); // expect: RACE007
        }
    }

    // A batch: the commit covers what was already written above it.
    public async Task ConsumeBatchAsync(IReadOnlyList<ConsumeResult<string, string>> batch, CancellationToken ct)
    {
        foreach (var result in batch)
        {
            var entry = JsonSerializer.Deserialize<LedgerEntry>(result.Message.Value)!;
            await _ledger.AppendAsync(entry, ct);
        }

        _consumer.Commit();
    }

    public void CommitHeartbeat(ConsumeResult<string, string> result)
    {
        _consumer.Commit(result);
        _log.LogInformation("committed {Offset}", result.Offset);
    }
}
