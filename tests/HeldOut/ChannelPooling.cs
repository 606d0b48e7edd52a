using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.ObjectPool;

namespace HeldOut.Pooling;

public sealed class BrokerChannel
{
    public void Ack(ulong tag) { }
    public void Publish(string routingKey, byte[] body) { }
}

public sealed class BrokerChannelPool
{
    private readonly ConcurrentBag<BrokerChannel> _idle = new();

    public BrokerChannel Get() => _idle.TryTake(out var channel) ? channel : new BrokerChannel();

    public void Return(BrokerChannel channel) => _idle.Add(channel);
}

public sealed record Delivery(ulong Tag, byte[] Body);

public sealed class DeliveryHandler
{
    private readonly BrokerChannelPool _channels = new();
    private readonly ObjectPool<StringBuilder> _builders = new DefaultObjectPoolProvider().CreateStringBuilderPool();
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly Func<byte[], Task> _process;

    public DeliveryHandler(Func<byte[], Task> process) => _process = process;

    // The incident's shape: the channel goes back, then the ack goes out on it.
    public async Task HandleEagerAsync(Delivery delivery)
    {
        var channel = _channels.Get();
        await _process(delivery.Body);
        _channels.Return(channel); // expect: RACE001
        channel.Ack(delivery.Tag);
    }

    public async Task HandleAsync(Delivery delivery)
    {
        var channel = _channels.Get();
        try
        {
            await _process(delivery.Body);
            channel.Ack(delivery.Tag);
        }
        finally
        {
            _channels.Return(channel);
        }
    }

    // Acked in order, but a failed process never gives the channel back.
    public async Task HandleLeakyAsync(Delivery delivery)
    {
        var channel = _channels.Get();
        await _process(delivery.Body);
        channel.Ack(delivery.Tag);
        _channels.Return(channel); // expect: RACE002
    }

    // A rented array lost to an exception is only a missed reuse (RACE002 leaves ArrayPool alone on purpose).
    public async Task<int> CopyAsync(Stream source, Stream target, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        var read = await source.ReadAsync(buffer, ct);
        await target.WriteAsync(buffer.AsMemory(0, read), ct);
        ArrayPool<byte>.Shared.Return(buffer);
        return read;
    }

    public async Task<int> CopySafelyAsync(Stream source, Stream target, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var read = await source.ReadAsync(buffer, ct);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public string Describe(Delivery delivery)
    {
        var builder = _builders.Get();
        builder.Append("delivery ").Append(delivery.Tag);
        _builders.Return(builder); // expect: RACE001
        return builder.ToString();
    }

    public string DescribeSafely(Delivery delivery)
    {
        var builder = _builders.Get();
        try
        {
            builder.Append("delivery ").Append(delivery.Tag);
            return builder.ToString();
        }
        finally
        {
            _builders.Return(builder);
        }
    }

    public async Task AppendAuditAsync(string path, string line)
    {
        await _fileLock.WaitAsync();
        await File.AppendAllTextAsync(path, line + Environment.NewLine);
        _fileLock.Release(); // expect: RACE002
    }

    public async Task AppendAuditSafelyAsync(string path, string line)
    {
        await _fileLock.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line + Environment.NewLine);
        }
        finally
        {
            _fileLock.Release();
        }
    }

    // A wake-up signal, not a lock: the count put back means "still work to do".
    public async Task DrainAsync(ConcurrentQueue<Delivery> queue, CancellationToken ct)
    {
        await _wakeUp.WaitAsync(ct);
        while (queue.TryDequeue(out var next))
        {
            await _process(next.Body);
        }

        if (!queue.IsEmpty)
        {
            _wakeUp.Release();
        }
    }
}
