using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace InventoryConsumer
{
    /// <summary>
    /// The auto-commit form of the Kafka loss: the consumer is built with the client's default offset settings,
    /// so every offset is stored as the message is delivered and committed by a background timer, before the
    /// audit row is written.
    /// </summary>
    public sealed class KafkaAuditConsumer
    {
        private readonly InventoryRepository _inventory;

        public KafkaAuditConsumer(InventoryRepository inventory) => _inventory = inventory;

        public async Task RunAsync(string bootstrapServers, CancellationToken ct)
        {
            var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "inventory-audit" };
            using var consumer = new ConsumerBuilder<string, string>(config).Build();
            consumer.Subscribe("inventory");
            while (!ct.IsCancellationRequested)
            {
                var result = consumer.Consume(ct); // RACE010: the offset is committed in the background before the write
                var (sku, delta) = KafkaInventoryConsumer.Parse(result.Message.Value);
                await _inventory.ApplyDeltaAsync(sku, delta, result.Message.Key);
            }
        }
    }
}
