using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// A condition that asks only whether a query found a row: its result compared with null or default
    /// (<c>is null</c>, <c>is not null</c>, <c>== null</c>, <c>== default</c>) or its <c>HasValue</c> read. Such a
    /// test makes a plain <c>SELECT id … WHERE key = @k</c> an existence check.
    /// </summary>
    internal static class PresenceTest
    {
        /// <summary>The condition tests <paramref name="query"/> itself (<c>if (await db.QuerySingleOrDefaultAsync(…) is null)</c>).</summary>
        public static bool Tests(IOperation condition, IInvocationOperation query)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (TestedValue(operation) is { } tested && Contains(tested, query))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The condition tests a value that <paramref name="results"/> flow into.</summary>
        public static bool TestsAny(IOperation condition, HashSet<ISymbol> results, ValueRoots roots)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (TestedValue(operation) is { } tested && roots.Of(tested, everyValue: true).Overlaps(results))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value a presence test looks at, or null when <paramref name="operation"/> is none.</summary>
        private static IOperation? TestedValue(IOperation operation) => operation switch
        {
            IIsPatternOperation pattern when IsNullOrDefaultPattern(pattern.Pattern) => pattern.Value,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                => IsNullOrDefault(binary.RightOperand) ? binary.LeftOperand : IsNullOrDefault(binary.LeftOperand) ? binary.RightOperand : null,
            IPropertyReferenceOperation hasValue when WellKnownTypes.IsNullableHasValue(hasValue.Property) => hasValue.Instance,
            IIsNullOperation isNull => isNull.Operand,
            _ => null,
        };

        private static bool IsNullOrDefaultPattern(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => IsNullOrDefault(constant.Value),
            INegatedPatternOperation negated => IsNullOrDefaultPattern(negated.Pattern),
            _ => false,
        };

        private static bool IsNullOrDefault(IOperation operand)
        {
            var value = OperationValues.SkipConversions(operand);
            return value is IDefaultValueOperation || (value?.ConstantValue.HasValue == true && value.ConstantValue.Value == null);
        }

        private static bool Contains(IOperation tested, IInvocationOperation query)
        {
            foreach (var operation in tested.DescendantsAndSelf())
            {
                if (ReferenceEquals(operation, query) || (operation.Syntax == query.Syntax && operation is IInvocationOperation))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
