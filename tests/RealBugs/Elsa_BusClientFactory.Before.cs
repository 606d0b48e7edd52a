// elsa-workflows/elsa-core, src/activities/Elsa.Activities.AzureServiceBus/Services/BusClientFactory.cs, before
// ce87ded (#2494): the cache hit `return messageReceiver;` sits between WaitAsync and the try, so every second call
// for a queue keeps the factory's semaphore and all later calls hang.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.Elsa_BusClientFactory.Before;

public interface IReceiverClient
{
}

public interface ISenderClient
{
}

public sealed class ServiceBusConnection
{
}

public sealed class MessageReceiver : IReceiverClient
{
    public MessageReceiver(ServiceBusConnection connection, string path) { }
}

public sealed class MessageSender : ISenderClient
{
    public MessageSender(ServiceBusConnection connection, string path) { }
}

public sealed class SubscriptionClient : IReceiverClient
{
    public SubscriptionClient(ServiceBusConnection connection, string topicPath, string subscriptionName) { }
}

public interface IManagementClient
{
    Task<bool> QueueExistsAsync(string path, CancellationToken cancellationToken);
    Task CreateQueueAsync(string path, CancellationToken cancellationToken);
    Task<bool> TopicExistsAsync(string path, CancellationToken cancellationToken);
    Task CreateTopicAsync(string path, CancellationToken cancellationToken);
    Task<bool> SubscriptionExistsAsync(string topicPath, string subscriptionName, CancellationToken cancellationToken);
    Task CreateSubscriptionAsync(string topicPath, string subscriptionName, CancellationToken cancellationToken);
}

public class BusClientFactory
{
    private readonly ServiceBusConnection _connection;
    private readonly IManagementClient _managementClient;
    private readonly IDictionary<string, ISenderClient> _senders = new Dictionary<string, ISenderClient>();
    private readonly IDictionary<string, IReceiverClient> _receivers = new Dictionary<string, IReceiverClient>();
    private readonly SemaphoreSlim _semaphore = new(1);

    public BusClientFactory(ServiceBusConnection connection, IManagementClient managementClient)
    {
        _connection = connection;
        _managementClient = managementClient;
    }

    public async Task<ISenderClient> GetSenderAsync(string queueName, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);

        try
        {
            if (_senders.TryGetValue(queueName, out var messageSender))
                return messageSender;

            await EnsureQueueExistsAsync(queueName, cancellationToken);
            var newMessageSender = new MessageSender(_connection, queueName);
            _senders.Add(queueName, newMessageSender);
            return newMessageSender;
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public async Task<IReceiverClient> GetReceiverAsync(string queueName, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken); // expect: RACE002

        if (_receivers.TryGetValue(queueName, out var messageReceiver))
            return messageReceiver;

        try
        {
            await EnsureQueueExistsAsync(queueName, cancellationToken);
            var newMessageReceiver = new MessageReceiver(_connection, queueName);
            _receivers.Add(queueName, newMessageReceiver);
            return newMessageReceiver;
        }
        finally
        {
            _semaphore.Release();
        }
    }

    public async Task<IReceiverClient> GetTopicReceiverAsync(string topicName, string subscriptionName, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken); // expect: RACE002

        var key = $"{topicName}:{subscriptionName}";

        if (_receivers.TryGetValue(key, out var messageReceiver))
            return messageReceiver;

        try
        {
            await EnsureTopicAndSubscriptionExistsAsync(topicName, subscriptionName, cancellationToken);

            var newTopicMessageReceiver = new SubscriptionClient(_connection, topicName, subscriptionName);

            _receivers.Add(key, newTopicMessageReceiver);
            return newTopicMessageReceiver;
        }
        finally
        {
            _semaphore.Release();
        }
    }

    private async Task EnsureQueueExistsAsync(string queueName, CancellationToken cancellationToken)
    {
        if (await _managementClient.QueueExistsAsync(queueName, cancellationToken))
            return;

        await _managementClient.CreateQueueAsync(queueName, cancellationToken);
    }

    private async Task EnsureTopicAndSubscriptionExistsAsync(string topicName, string subscriptionName, CancellationToken cancellationToken)
    {
        if (!await _managementClient.TopicExistsAsync(topicName, cancellationToken))
            await _managementClient.CreateTopicAsync(topicName, cancellationToken);

        if (!await _managementClient.SubscriptionExistsAsync(topicName, subscriptionName, cancellationToken))
            await _managementClient.CreateSubscriptionAsync(topicName, subscriptionName, cancellationToken);
    }
}
