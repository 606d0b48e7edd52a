using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// The parameters of a handler are one unit of work: a handler given the broker message and its decoded event
    /// separately (<c>HandleAsync(ConsumeResult&lt;string, string&gt; msg, InventoryEvent evt)</c>) commits <c>msg</c>
    /// and persists <c>evt</c>, and the two are the same message. A body with a loop may be handling a batch
    /// instead, where one parameter's item and another's need not belong together, so there nothing is assumed.
    /// </summary>
    internal sealed class HandlerParameters
    {
        private static readonly HandlerParameters None = new HandlerParameters(false);

        private readonly bool _oneUnit;

        private HandlerParameters(bool oneUnit)
        {
            _oneUnit = oneUnit;
        }

        public static HandlerParameters Of(IOperation body)
        {
            foreach (var operation in BodyOperations.Of(body).AndSelf)
            {
                if (operation is ILoopOperation)
                {
                    return None;
                }
            }

            return new HandlerParameters(true);
        }

        /// <summary>
        /// True when <paramref name="message"/> names a parameter and <paramref name="persisted"/> another parameter
        /// of the same method or lambda (cancellation tokens aside).
        /// </summary>
        public bool OneUnitOfWork(HashSet<ISymbol> message, HashSet<ISymbol> persisted)
        {
            if (!_oneUnit)
            {
                return false;
            }

            foreach (var committed in message)
            {
                if (!(committed is IParameterSymbol messageParameter))
                {
                    continue;
                }

                foreach (var symbol in persisted)
                {
                    if (symbol is IParameterSymbol parameter && !ApiCatalog.IsCancellationToken(parameter.Type)
                        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, messageParameter.ContainingSymbol))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
