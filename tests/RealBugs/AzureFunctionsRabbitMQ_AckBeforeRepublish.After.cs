// Azure/azure-functions-rabbitmq-extension, src/Trigger/RabbitMQListener.cs, fixed in 09c079a (#114, issue #98): the
// delivery is acked only after the retry copy has been republished.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace RealBugs.AzureFunctionsRabbitMQ_AckBeforeRepublish.After;

public sealed class DeliveryProperties
{
    public IDictionary<string, object?>? Headers { get; set; }
}

public sealed class Delivery
{
    public ulong DeliveryTag { get; set; }
    public string RoutingKey { get; set; } = "";
    public DeliveryProperties BasicProperties { get; set; } = new DeliveryProperties();
    public byte[] Body { get; set; } = Array.Empty<byte>();
}

public interface IRabbitMQModel
{
    void BasicAck(ulong deliveryTag, bool multiple);

    void BasicReject(ulong deliveryTag, bool requeue);

    void BasicPublish(string exchange, string routingKey, DeliveryProperties basicProperties, byte[] body);
}

public sealed class RabbitMQModel : IRabbitMQModel
{
    private readonly IChannel _channel;

    public RabbitMQModel(IChannel channel) => _channel = channel;

    public void BasicAck(ulong deliveryTag, bool multiple)
        => _channel.BasicAckAsync(deliveryTag, multiple).AsTask().GetAwaiter().GetResult();

    public void BasicReject(ulong deliveryTag, bool requeue)
        => _channel.BasicRejectAsync(deliveryTag, requeue).AsTask().GetAwaiter().GetResult();

    public void BasicPublish(string exchange, string routingKey, DeliveryProperties basicProperties, byte[] body)
        => _channel.BasicPublishAsync(exchange, routingKey, false, new BasicProperties { Headers = basicProperties.Headers }, body).AsTask().GetAwaiter().GetResult();
}

public sealed class RabbitMQListener
{
    private const string RequeueCount = "x-ms-rabbitmq-requeuecount";

    private readonly IRabbitMQModel _rabbitMQModel;
    private readonly ILogger _logger;

    public RabbitMQListener(IRabbitMQModel rabbitMQModel, ILogger logger)
    {
        _rabbitMQModel = rabbitMQModel;
        _logger = logger;
    }

    internal void CreateHeadersAndRepublish(Delivery ea)
    {
        if (ea.BasicProperties.Headers == null)
        {
            ea.BasicProperties.Headers = new Dictionary<string, object?>();
        }

        ea.BasicProperties.Headers[RequeueCount] = 0;
        _logger.LogDebug("Republishing message");
        _rabbitMQModel.BasicPublish(exchange: string.Empty, routingKey: ea.RoutingKey, basicProperties: ea.BasicProperties, body: ea.Body);
        _rabbitMQModel.BasicAck(ea.DeliveryTag, false);
    }

    internal void RepublishMessages(Delivery ea)
    {
        var headers = ea.BasicProperties.Headers!;
        int requeueCount = Convert.ToInt32(headers[RequeueCount]);
        requeueCount++;
        headers[RequeueCount] = requeueCount;

        if (Convert.ToInt32(headers[RequeueCount]) < 5)
        {
            _logger.LogDebug("Republishing message");
            _rabbitMQModel.BasicPublish(exchange: string.Empty, routingKey: ea.RoutingKey, basicProperties: ea.BasicProperties, body: ea.Body);
            _rabbitMQModel.BasicAck(ea.DeliveryTag, false);
        }
        else
        {
            _logger.LogDebug("Requeue count exceeded: rejecting message");
            _rabbitMQModel.BasicReject(ea.DeliveryTag, false);
        }
    }
}
