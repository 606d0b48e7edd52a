using System;
using System.Buffers;
using System.Threading.Tasks;
using Microsoft.Extensions.ObjectPool;
using RabbitMQ.Client;

namespace MessageQueue
{
    /// <summary>The same bug with RabbitMQ.Client's real API: a pooled channel returned before the ack.</summary>
    public sealed class PooledChannelConsumer
    {
        private readonly ObjectPool<IChannel> _channels;

        public PooledChannelConsumer(ObjectPool<IChannel> channels) => _channels = channels;

        public async Task OnDeliveryAsync(ulong deliveryTag, ReadOnlyMemory<byte> body, Func<ReadOnlyMemory<byte>, Task> handle)
        {
            var channel = _channels.Get();
            var buffer = ArrayPool<byte>.Shared.Rent(body.Length);
            body.CopyTo(buffer);
            await handle(buffer.AsMemory(0, body.Length));
            _channels.Return(channel); // RACE001: returned before BasicAckAsync
            await channel.BasicAckAsync(deliveryTag, multiple: false);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
