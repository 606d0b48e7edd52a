// dotnetcore/CAP, src/DotNetCore.CAP.RabbitMQ/RabbitMQBasicConsumer.cs, before 5a43710 (#1767): with concurrent consumers the
// delivery is handed to Task.Run and the handler returns at once; the local function still reads `body`, whose buffer
// RabbitMQ.Client 7 rents and takes back when HandleBasicDeliverAsync returns (the copy `safeBody` is made but unused),
// so a message can be read after its buffer went to the next delivery.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace RealBugs.Cap_RabbitBodyAfterHandler.Before;

public sealed class TransportMessage
{
    public TransportMessage(IDictionary<string, string?> headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    public IDictionary<string, string?> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }
}

public class RabbitMqBasicConsumer : AsyncDefaultBasicConsumer
{
    private readonly SemaphoreSlim _semaphore;
    private readonly string _groupName;
    private readonly bool _usingTaskRun;
    private readonly Func<TransportMessage, object?, Task> _msgCallback;
    private readonly Func<BasicDeliverEventArgs, IServiceProvider, List<KeyValuePair<string, string?>>>? _customHeadersBuilder;
    private readonly IServiceProvider _serviceProvider;

    public RabbitMqBasicConsumer(IChannel channel, byte concurrent, string groupName,
        Func<TransportMessage, object?, Task> msgCallback,
        Func<BasicDeliverEventArgs, IServiceProvider, List<KeyValuePair<string, string?>>>? customHeadersBuilder,
        IServiceProvider serviceProvider)
        : base(channel)
    {
        _semaphore = new SemaphoreSlim(concurrent);
        _groupName = groupName;
        _usingTaskRun = concurrent > 0;
        _msgCallback = msgCallback;
        _customHeadersBuilder = customHeadersBuilder;
        _serviceProvider = serviceProvider;
    }

    public override async Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        if (_usingTaskRun)
        {
            await _semaphore.WaitAsync(cancellationToken);

            var safeBody = body.ToArray();

            _ = Task.Run(Consume, cancellationToken).ConfigureAwait(false); // expect: RACE001
        }
        else
        {
            await Consume().ConfigureAwait(false);
        }

        Task Consume()
        {
            var headers = new Dictionary<string, string?>();
            if (properties.Headers != null)
                foreach (var header in properties.Headers)
                {
                    if (header.Value is byte[] val)
                        headers.Add(header.Key, Encoding.UTF8.GetString(val));
                    else
                        headers.Add(header.Key, header.Value?.ToString());
                }

            headers["cap-msg-group"] = _groupName;

            if (_customHeadersBuilder != null)
            {
                var e = new BasicDeliverEventArgs(consumerTag, deliveryTag, redelivered, exchange, routingKey, properties, body);
                foreach (var customHeader in _customHeadersBuilder(e, _serviceProvider))
                {
                    headers[customHeader.Key] = customHeader.Value;
                }
            }

            var message = new TransportMessage(headers, body);

            return _msgCallback(message, deliveryTag);
        }
    }

    public async Task BasicAck(ulong deliveryTag)
    {
        if (Channel.IsOpen)
            await Channel.BasicAckAsync(deliveryTag, false);

        _semaphore.Release();
    }
}
