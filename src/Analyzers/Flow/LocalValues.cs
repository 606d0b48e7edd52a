using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// The values a local is given in the body it is declared in: its initializer and every plain assignment.
    /// Null when the body can change it some other way (passed by <c>ref</c>/<c>out</c>, a compound assignment,
    /// a deconstruction), so a caller that needs every value can tell it does not have them.
    /// </summary>
    internal static class LocalValues
    {
        public static ImmutableArray<IOperation>? Of(ILocalSymbol local, IOperation anywhereInBody)
        {
            var root = anywhereInBody;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            var values = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        if (declarator.Initializer?.Value is { } initial)
                        {
                            values.Add(initial);
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        values.Add(assignment.Value);
                        break;
                    case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                    case ICoalesceAssignmentOperation coalesce when IsLocal(coalesce.Target, local):
                    case IDeconstructionAssignmentOperation _ when Mentions(operation, local):
                        return null;
                    case IArgumentOperation argument when argument.Parameter?.RefKind != RefKind.None && IsLocal(argument.Value, local):
                        return null;
                }
            }

            return values.ToImmutable();
        }

        /// <summary>The one value the local is ever given, or null when it has none or more.</summary>
        public static IOperation? Single(ILocalSymbol local, IOperation anywhereInBody)
            => local.RefKind == RefKind.None && Of(local, anywhereInBody) is { Length: 1 } values ? values[0] : null;

        private static bool IsLocal(IOperation operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool Mentions(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.Descendants())
            {
                if (IsLocal(descendant, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
