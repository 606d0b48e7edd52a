using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// The handler a consume call's consumer runs, when the same method attached it:
    /// <c>consumer.ReceivedAsync += async (_, ea) =&gt; { … };</c> (or <c>Received</c>) on the local passed as
    /// <c>consumer</c>. Null when the consumer comes from elsewhere.
    /// </summary>
    internal static class ConsumerHandlers
    {
        public static IAnonymousFunctionOperation? Of(IInvocationOperation consume)
        {
            var consumer = BrokerShapes.ConsumerArgument(consume);
            var symbol = consumer == null ? null : OperationFacts.ReferencedSymbol(consumer.Value);
            if (symbol == null)
            {
                return null;
            }

            IOperation root = consume;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IEventAssignmentOperation { Adds: true } assignment
                    && assignment.EventReference is IEventReferenceOperation reference && BrokerShapes.IsDeliveryEvent(reference.Event)
                    && SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(reference.Instance), symbol)
                    && OperationValues.SkipConversions(assignment.HandlerValue) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation handler })
                {
                    return handler;
                }
            }

            return null;
        }
    }
}
