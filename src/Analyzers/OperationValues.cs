using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers
{
    /// <summary>
    /// What an operation's value is, below every layer that knows an API: the operand under conversions, the value
    /// a local was given. The SQL text reader, the catalog and the flow engine all read values this way.
    /// </summary>
    internal static class OperationValues
    {
        /// <summary>The operand under conversions: <c>x</c> in <c>(object)x</c>.</summary>
        public static IOperation? SkipConversions(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The operand under conversions and parentheses: <c>onHand</c> in <c>(long)(onHand)</c>.</summary>
        public static IOperation? SkipConversionsAndParentheses(IOperation? operation)
        {
            while (operation is IConversionOperation || operation is IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        /// <summary>The value of a local assigned exactly once in its method (declaration or assignment), or null.</summary>
        public static IOperation? SingleAssignedValue(ILocalReferenceOperation reference)
        {
            IOperation top = reference;
            while (top.Parent != null)
            {
                top = top.Parent;
            }

            IOperation? value = null;
            var count = 0;
            foreach (var operation in top.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation { Initializer: { } initializer } declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
                {
                    value = initializer.Value;
                    count++;
                }
                else if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local))
                {
                    // `v += x` is no value of its own: what v held goes into it.
                    value = assignment.Value;
                    count += assignment is ISimpleAssignmentOperation ? 1 : 2;
                }
            }

            return count == 1 ? value : null;
        }
    }
}
