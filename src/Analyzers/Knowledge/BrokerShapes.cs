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

        /// <summary>The compilation references RabbitMQ.Client (6.x's IModel or 7.x's IChannel).</summary>
        public static bool HasRabbitMq(Compilation compilation)
            => MetadataTypes.Find(compilation, "RabbitMQ.Client.IChannel") != null || MetadataTypes.Find(compilation, "RabbitMQ.Client.IModel") != null;

        /// <summary>A simple name, on syntax, that can be RabbitMQ's consume call.</summary>
        public static bool MayBeRabbitConsume(string name) => name == "BasicConsume" || name == "BasicConsumeAsync";

        /// <summary>RabbitMQ's <c>BasicConsume</c> / <c>BasicConsumeAsync</c>.</summary>
        public static bool IsRabbitConsume(IInvocationOperation call)
            => MayBeRabbitConsume(call.TargetMethod.Name) && call.TargetMethod.ContainingNamespace?.ToDisplayString() == "RabbitMQ.Client";

        /// <summary>A consumer's delivery event (<c>Received</c> in RabbitMQ.Client 6, <c>ReceivedAsync</c> in 7).</summary>
        public static bool IsDeliveryEvent(IEventSymbol @event) => @event.Name == "Received" || @event.Name == "ReceivedAsync";

        /// <summary>The <c>autoAck</c> argument of a consume call, if it has one.</summary>
        public static IArgumentOperation? AutoAckArgument(IInvocationOperation consume) => ArgumentNamed(consume, "autoAck");

        /// <summary><c>autoAck: true</c>, as a constant: the broker forgets the message at delivery.</summary>
        public static bool AcksAutomatically(IArgumentOperation autoAck)
            => autoAck.Value.ConstantValue.HasValue && autoAck.Value.ConstantValue.Value is true;

        /// <summary>The <c>consumer</c> argument of a consume call: the object whose handler gets the deliveries.</summary>
        public static IArgumentOperation? ConsumerArgument(IInvocationOperation consume) => ArgumentNamed(consume, "consumer");

        private static IArgumentOperation? ArgumentNamed(IInvocationOperation call, string parameterName)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// A call that gives a failed message back or away: nack, reject, abandon, dead-letter, defer, seek (the
        /// brokers' own, or an in-house wrapper of the same name).
        /// </summary>
        public static bool Settles(IMethodSymbol method)
        {
            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            return name == "BasicNack" || name == "BasicReject" || name == "AbandonMessage" || name == "DeadLetterMessage" || name == "DeferMessage" || name == "Seek";
        }

        /// <summary>
        /// Kafka's <c>ConsumeResult.TopicPartitionOffset</c> on <paramref name="message"/>'s type or a base: the
        /// position <c>consumer.Seek(…)</c> takes to deliver that message again. Null for anything else.
        /// </summary>
        public static IPropertySymbol? RedeliveryPosition(ITypeSymbol? message)
        {
            for (var current = message; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("TopicPartitionOffset"))
                {
                    if (member is IPropertySymbol { IsStatic: false } property && current.ContainingNamespace?.ToDisplayString() == "Confluent.Kafka")
                    {
                        return property;
                    }
                }
            }

            return null;
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
