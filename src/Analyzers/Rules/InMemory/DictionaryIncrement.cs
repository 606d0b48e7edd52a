using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>
    /// <c>d[k] = d[k] ± x;</c> (or <c>d.GetValueOrDefault(k) ± x</c>): a RACE009 write that only adds to what it
    /// read, which <c>AddOrUpdate</c> does in one call. The message names that call; the fix writes it.
    /// </summary>
    internal sealed class DictionaryIncrement
    {
        private DictionaryIncrement(IOperation delta, string op)
        {
            Delta = delta;
            Operator = op;
        }

        /// <summary>What is added to or subtracted from the read value.</summary>
        public IOperation Delta { get; }

        /// <summary>"+" or "-".</summary>
        public string Operator { get; }

        /// <summary>Null when the write is not the read value plus or minus something that does not touch the dictionary.</summary>
        public static DictionaryIncrement? Of(DictionaryAccess write, DictionaryAccess read)
        {
            if (!(write.Operation.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment)
                || !(OperationValues.SkipConversionsAndParentheses(assignment.Value) is IBinaryOperation binary)
                || (binary.OperatorKind != BinaryOperatorKind.Add && binary.OperatorKind != BinaryOperatorKind.Subtract))
            {
                return null;
            }

            IOperation delta;
            if (ReferenceEquals(OperationValues.SkipConversionsAndParentheses(binary.LeftOperand), read.Operation))
            {
                delta = binary.RightOperand;
            }
            else if (binary.OperatorKind == BinaryOperatorKind.Add && ReferenceEquals(OperationValues.SkipConversionsAndParentheses(binary.RightOperand), read.Operation))
            {
                delta = binary.LeftOperand;
            }
            else
            {
                return null;
            }

            return delta.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary))
                ? null
                : new DictionaryIncrement(OperationValues.SkipConversionsAndParentheses(delta)!, binary.OperatorKind == BinaryOperatorKind.Add ? "+" : "-");
        }
    }
}
