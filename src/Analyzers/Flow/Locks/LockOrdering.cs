using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// Whether code orders two same-kind locks before nesting them: the nesting sits under a condition that
    /// compares the two parameters (<c>if (from.Id &lt; to.Id)</c>, <c>a.Key.CompareTo(b.Key) &lt; 0</c>), so every
    /// caller takes them in one global order whatever the argument order.
    /// </summary>
    internal static class LockOrdering
    {
        public static bool Compares(IOperation nested, IParameterSymbol first, IParameterSymbol second)
        {
            for (var current = nested.Parent; current != null; current = current.Parent)
            {
                if (current is IConditionalOperation { Condition: var condition } && IsComparisonOf(condition, first, second))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsComparisonOf(IOperation condition, IParameterSymbol first, IParameterSymbol second)
        {
            var compares = false;
            var seesFirst = false;
            var seesSecond = false;
            foreach (var operation in condition.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IBinaryOperation binary when IsOrdering(binary.OperatorKind):
                        compares = true;
                        break;
                    case IInvocationOperation invocation when LockShapes.IsOrderingComparison(invocation.TargetMethod):
                        compares = true;
                        break;
                    case IParameterReferenceOperation reference:
                        seesFirst |= SymbolEqualityComparer.Default.Equals(reference.Parameter, first);
                        seesSecond |= SymbolEqualityComparer.Default.Equals(reference.Parameter, second);
                        break;
                }
            }

            return compares && seesFirst && seesSecond;
        }

        private static bool IsOrdering(BinaryOperatorKind kind)
            => kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
               || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual;
    }
}
