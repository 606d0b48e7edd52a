using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// RACE001 with an implicit return: memory a library lends to a callback goes back when the callback returns, so
    /// work the callback starts and does not wait for, and that still reads the memory, uses it after its return.
    /// A copy made before the hand-off (<c>body.ToArray()</c>), or awaiting the work, is the correct form.
    /// </summary>
    internal static class LentBufferOutlived
    {
        /// <summary>The first started, unawaited call that uses the lent buffer, with the use inside it.</summary>
        public static (IInvocationOperation Started, IOperation Use)? Find(IOperation methodRoot, IParameterSymbol lent, ApiCatalog catalog)
        {
            var carriers = Carriers(methodRoot, lent, catalog);
            foreach (var started in StartedWork.NotAwaited(methodRoot))
            {
                foreach (var deferred in StartedWork.DeferredBodies(started, methodRoot))
                {
                    // Code that runs later reads the buffer late whatever it does with it, a copy included.
                    foreach (var operation in deferred.DescendantsAndSelf())
                    {
                        if (IsCarrierReference(operation, carriers))
                        {
                            return (started, Receiver(operation));
                        }
                    }
                }

                foreach (var operation in started.DescendantsAndSelf())
                {
                    if (IsCarrierReference(operation, carriers) && OperationFacts.EnclosingFunction(operation) == null
                        && CarriedTo(operation, started, catalog))
                    {
                        return (started, Receiver(operation));
                    }
                }
            }

            return null;
        }

        /// <summary>For a readable message: the call or object creation a reference is an argument of, else the reference.</summary>
        private static IOperation Receiver(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IArgumentOperation argument && argument.Parent != null ? argument.Parent : reference;
        }

        private static bool IsCarrierReference(IOperation operation, ISet<ISymbol> carriers)
        {
            var symbol = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            return symbol != null && carriers.Contains(symbol) && !OperationFacts.IsWrite(operation);
        }

        /// <summary>
        /// Whether the value the reference names reaches <paramref name="into"/> still pointing into the buffer:
        /// through conversions, views (<c>body.Slice(4)</c>) and objects built on it (<c>new Message(headers, body)</c>),
        /// but not through a call or member that gives something else (<c>body.ToArray()</c>, <c>body.Length</c>).
        /// </summary>
        private static bool CarriedTo(IOperation reference, IOperation into, ApiCatalog catalog)
        {
            for (var current = reference; current != null && !ReferenceEquals(current, into); current = current.Parent)
            {
                var keeps = current switch
                {
                    IInvocationOperation inner => catalog.IsBufferView(inner.Type),
                    IMemberReferenceOperation member => catalog.IsBufferView(member.Type),
                    _ => true,
                };
                if (!keeps)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The lent parameter and every local given a value that still points into it.</summary>
        private static HashSet<ISymbol> Carriers(IOperation methodRoot, IParameterSymbol lent, ApiCatalog catalog)
        {
            var carriers = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { lent };
            bool grew;
            do
            {
                grew = false;
                foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
                {
                    var (local, value) = operation switch
                    {
                        IVariableDeclaratorOperation { Initializer: { } init } declarator => (declarator.Symbol, init.Value),
                        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => (target.Local, assignment.Value),
                        _ => (null, null),
                    };
                    if (local != null && value != null && !carriers.Contains(local) && catalog.IsBufferView(local.Type) && Points(value, carriers, catalog))
                    {
                        carriers.Add(local);
                        grew = true;
                    }
                }
            }
            while (grew);

            return carriers;
        }

        private static bool Points(IOperation value, ISet<ISymbol> carriers, ApiCatalog catalog)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (IsCarrierReference(operation, carriers) && CarriedTo(operation, value.Parent!, catalog))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
