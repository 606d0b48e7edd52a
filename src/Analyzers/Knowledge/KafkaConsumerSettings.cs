using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Confluent.Kafka's consumer calls and the two settings that decide when an offset is stored and committed.
    /// With <c>EnableAutoOffsetStore</c> and <c>EnableAutoCommit</c> at their defaults (true), <c>Consume</c> stores
    /// the message's offset as it returns it and a background timer commits it: the broker counts the message as
    /// handled before the code has done anything with it.
    /// </summary>
    internal static class KafkaConsumerSettings
    {
        /// <summary>The two settings of a <c>ConsumerConfig</c> that decide when an offset is stored and committed.</summary>
        public enum Setting
        {
            None,
            AutoOffsetStore,
            AutoCommit,
        }

        public const string AutoOffsetStore = "EnableAutoOffsetStore";
        public const string AutoCommit = "EnableAutoCommit";

        /// <summary>The compilation references Confluent.Kafka (its <c>ConsumerConfig</c>).</summary>
        public static bool HasKafka(Compilation compilation) => MetadataTypes.Find(compilation, "Confluent.Kafka.ConsumerConfig") != null;

        /// <summary>From syntax, before binding: a call of this name may consume or store an offset.</summary>
        public static bool MayBeConsumerCall(string name) => name == "Consume" || name == "StoreOffset";

        public static bool IsConsume(IInvocationOperation call) => call.TargetMethod.Name == "Consume" && IsKafka(call.TargetMethod);

        public static bool IsStoreOffset(IInvocationOperation call) => call.TargetMethod.Name == "StoreOffset" && IsKafka(call.TargetMethod);

        /// <summary>Which of the two settings a property of a <c>ConsumerConfig</c> is.</summary>
        public static Setting SettingOf(IPropertySymbol property)
        {
            if (!IsConsumerConfig(property.ContainingType))
            {
                return Setting.None;
            }

            return property.Name switch
            {
                AutoOffsetStore => Setting.AutoOffsetStore,
                AutoCommit => Setting.AutoCommit,
                _ => Setting.None,
            };
        }

        public static bool IsConsumerConfig(ITypeSymbol? type) => type?.Name == "ConsumerConfig" && type.ContainingNamespace?.ToDisplayString() == "Confluent.Kafka";

        private static bool IsKafka(IMethodSymbol method) => method.ContainingType?.ContainingNamespace?.ToDisplayString() == "Confluent.Kafka";
    }
}
