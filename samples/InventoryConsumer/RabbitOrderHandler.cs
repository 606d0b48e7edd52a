using System.Text;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace InventoryConsumer
{
    /// <summary>The same bug with RabbitMQ: the delivery is acked before the order is stored.</summary>
    public sealed class RabbitOrderHandler
    {
        private readonly IChannel _channel;
        private readonly NpgsqlDataSource _db;

        public RabbitOrderHandler(IChannel channel, NpgsqlDataSource db)
        {
            _channel = channel;
            _db = db;
        }

        public async Task StartAsync(string queue)
        {
            var consumer = new AsyncEventingBasicConsumer(_channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                var order = Encoding.UTF8.GetString(delivery.Body.Span);
                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false); // RACE006: acked before the INSERT
                await using var connection = await _db.OpenConnectionAsync();
                await connection.ExecuteAsync("INSERT INTO orders (body) VALUES (@order)", new { order });
            };
            await _channel.BasicConsumeAsync(queue, autoAck: false, consumer: consumer);
        }

        /// <summary>The client-configuration form: the broker forgets each order when it delivers it.</summary>
        public async Task StartAuditAsync(string queue)
        {
            var consumer = new AsyncEventingBasicConsumer(_channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                var order = Encoding.UTF8.GetString(delivery.Body.Span);
                await using var connection = await _db.OpenConnectionAsync();
                await connection.ExecuteAsync("INSERT INTO order_audit (body) VALUES (@order)", new { order });
            };
            await _channel.BasicConsumeAsync(queue, autoAck: true, consumer: consumer); // RACE010: acked on delivery, before the INSERT
        }
    }
}
