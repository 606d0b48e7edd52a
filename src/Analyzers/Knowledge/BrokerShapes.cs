using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>Which broker a commit belongs to, and the calls that settle a failed message on it.</summary>
    internal static class BrokerShapes
    {
        public static Broker Of(IInvocationOperation commit)
        {
            var type = commit.TargetMethod.ContainingType;
            return (type?.ContainingNamespace?.ToDisplayString()) switch
            {
                "Confluent.Kafka" => Broker.Kafka,
                "RabbitMQ.Client" => Broker.RabbitMq,
                "Azure.Messaging.ServiceBus" => Broker.ServiceBus,
                _ => Broker.Other,
            };
        }

        /// <summary>
        /// Kafka commits an offset per partition, and a later one covers every earlier one: committing the next
        /// message also commits a failed one before it.
        /// </summary>
        public static bool IsCumulative(IInvocationOperation commit) => Of(commit) == Broker.Kafka;

        /// <summary><c>consumer.Seek(…)</c>: the next Consume delivers that offset again.</summary>
        public static bool IsSeek(IOperation operation)
            => operation is IInvocationOperation call && call.TargetMethod.Name == "Seek"
               && call.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString() == "Confluent.Kafka";

        /// <summary>A call that gives a failed message back or away: nack, reject, abandon, dead-letter, defer, seek.</summary>
        public static bool Settles(string methodName)
        {
            var name = MethodNames.WithoutAsyncSuffix(methodName);
            return name == "BasicNack" || name == "BasicReject" || name == "AbandonMessage" || name == "DeadLetterMessage" || name == "DeferMessage" || name == "Seek";
        }
    }

    internal enum Broker
    {
        Other,
        Kafka,
        RabbitMq,
        ServiceBus,
    }
}
