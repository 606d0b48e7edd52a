using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace InventoryConsumer
{
    /// <summary>
    /// Consumes stock deltas ("sku:delta") from several partitions at once. Both ways the incident's consumer
    /// lost events: the offset committed before the write, and committed even when the write failed.
    /// </summary>
    public sealed class KafkaInventoryConsumer
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly InventoryRepository _inventory;
        private readonly ILogger<KafkaInventoryConsumer> _logger;

        public KafkaInventoryConsumer(IConsumer<string, string> consumer, InventoryRepository inventory, ILogger<KafkaInventoryConsumer> logger)
        {
            _consumer = consumer;
            _inventory = inventory;
            _logger = logger;
        }

        /// <summary>A crash between the commit and the write loses the event: the broker never redelivers it.</summary>
        public async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = _consumer.Consume(ct);
                var (sku, delta) = Parse(result.Message.Value);
                _consumer.Commit(result); // RACE006: committed before ApplyDeltaAsync persists the event
                await _inventory.ApplyDeltaAsync(sku, delta, result.Message.Key);
            }
        }

        /// <summary>A failed write is logged and committed anyway: the event is gone, only the log line remains.</summary>
        public async Task RunWithRetryLoggingAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = _consumer.Consume(ct);
                try
                {
                    var (sku, delta) = Parse(result.Message.Value);
                    await _inventory.ApplyDeltaAsync(sku, delta, result.Message.Key);
                }
                catch (NpgsqlException ex)
                {
                    _logger.LogError(ex, "stock update failed for event {EventId}", result.Message.Key);
                }
                finally
                {
                    _consumer.Commit(result); // RACE007: runs when ApplyDeltaAsync threw
                }
            }
        }

        /// <summary>The dead-letter pattern: the failure is recorded before the commit, so nothing is lost. No warning.</summary>
        public async Task RunWithDeadLetterAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = _consumer.Consume(ct);
                try
                {
                    var (sku, delta) = Parse(result.Message.Value);
                    await _inventory.ApplyDeltaAsync(sku, delta, result.Message.Key);
                }
                catch (Exception ex)
                {
                    await _inventory.RecordFailureAsync(result.Message.Key, ex.Message);
                }

                _consumer.Commit(result);
            }
        }

        internal static (string Sku, int Delta) Parse(string value)
        {
            var parts = value.Split(':');
            return (parts[0], int.Parse(parts[1]));
        }
    }
}
