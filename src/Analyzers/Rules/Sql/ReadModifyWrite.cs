using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// One RACE004 finding in the shape SQL can compute itself: the UPDATE writes <see cref="ReadValue"/> (the
    /// value the SELECT returned) plus or minus <see cref="Delta"/>. The message suggests its sign; the fix
    /// rewrites it into <c>SET c = c ± @delta</c>.
    /// </summary>
    internal sealed class ReadModifyWrite
    {
        private readonly HashSet<ISymbol> _readResults;
        private readonly ValueRoots _roots;

        private ReadModifyWrite(SqlExecution update, IOperation readValue, IOperation delta, bool subtracts, HashSet<ISymbol> readResults, ValueRoots roots)
        {
            Update = update;
            ReadValue = readValue;
            Delta = delta;
            Operator = subtracts ? "-" : "+";
            _readResults = readResults;
            _roots = roots;
        }

        public SqlExecution Update { get; }

        /// <summary>The read operand of the computation: <c>onHand</c> in <c>onHand - qty</c>, <c>product.Stock</c>.</summary>
        public IOperation ReadValue { get; }

        public IOperation Delta { get; }

        /// <summary>"+" or "-": how the written value is computed from the read one.</summary>
        public string Operator { get; }

        /// <summary>True when the read's result flows into <paramref name="operand"/>.</summary>
        public bool FromRead(IOperation operand) => _roots.Of(operand, everyValue: true).Overlaps(_readResults);

        /// <summary>
        /// The shape of the value bound to the UPDATE's <paramref name="parameter"/>, directly or through the one
        /// local it was assigned to: read ± delta (or delta + read). Null for anything else.
        /// </summary>
        public static ReadModifyWrite? Of(SqlExecution update, string parameter, HashSet<ISymbol> readResults, ValueRoots roots)
        {
            var value = update.ParameterValue(parameter);
            if (value == null)
            {
                return null;
            }

            var computed = OperationValues.SkipConversionsAndParentheses(value) is ILocalReferenceOperation local ? OperationValues.SingleAssignedValue(local) : value;
            if (!(OperationValues.SkipConversionsAndParentheses(computed) is IBinaryOperation binary) || (binary.OperatorKind != BinaryOperatorKind.Add && binary.OperatorKind != BinaryOperatorKind.Subtract))
            {
                return null;
            }

            bool FromRead(IOperation operand) => roots.Of(operand, everyValue: true).Overlaps(readResults);
            var subtracts = binary.OperatorKind == BinaryOperatorKind.Subtract;
            if (FromRead(binary.LeftOperand) && !FromRead(binary.RightOperand))
            {
                return new ReadModifyWrite(update, binary.LeftOperand, binary.RightOperand, subtracts, readResults, roots);
            }

            return !subtracts && FromRead(binary.RightOperand) && !FromRead(binary.LeftOperand)
                ? new ReadModifyWrite(update, binary.RightOperand, binary.LeftOperand, subtracts, readResults, roots)
                : null;
        }
    }
}
