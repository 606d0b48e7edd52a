using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// A guard's comparison restated in SQL over the column: the read value becomes the column, values computed
    /// from it by adding or subtracting become the same arithmetic in SQL, the delta becomes its parameter and
    /// numeric constants stay literals. Anything else (calls, other members of the row, multiplication) has no
    /// translation, and the fix is then not offered.
    /// </summary>
    internal sealed class GuardTranslation
    {
        private const int MaxLocalDepth = 8;
        private readonly ReadModifyWrite _write;

        public GuardTranslation(ReadModifyWrite write) => _write = write;

        /// <summary>The condition as SQL, negated when <paramref name="negate"/>; null when it has no translation.</summary>
        public string? Condition(IOperation condition, bool negate)
        {
            condition = Unwrap(condition);
            if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                return Condition(not.Operand, !negate);
            }

            if (!(condition is IBinaryOperation comparison) || !IsComparison(comparison.OperatorKind))
            {
                return null;
            }

            var left = Value(comparison.LeftOperand, 0);
            var right = Value(comparison.RightOperand, 0);
            if (left == null || right == null)
            {
                return null;
            }

            var kind = negate ? Negated(comparison.OperatorKind) : comparison.OperatorKind;
            if (!_write.FromRead(comparison.LeftOperand) && _write.FromRead(comparison.RightOperand))
            {
                (left, right, kind) = (right, left, Mirrored(kind));
            }

            return left + " " + SqlOperator(kind) + " " + right;
        }

        private string? Value(IOperation operand, int depth)
        {
            var value = Unwrap(operand);
            if (!_write.FromRead(value))
            {
                return Constant(value) ?? (SameExpression(value, _write.Delta) ? UpdateGuard.DeltaPlaceholder : null);
            }

            if (SameExpression(value, _write.ReadValue))
            {
                return UpdateGuard.ColumnPlaceholder;
            }

            if (value is ILocalReferenceOperation local && depth < MaxLocalDepth && OperationValues.SingleAssignedValue(local) is { } assigned)
            {
                return Value(assigned, depth + 1);
            }

            if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } arithmetic
                && Value(arithmetic.LeftOperand, depth) is { } left && Value(arithmetic.RightOperand, depth) is { } right)
            {
                var op = arithmetic.OperatorKind == BinaryOperatorKind.Add ? " + " : " - ";
                return left + op + (right.IndexOf(' ') >= 0 ? "(" + right + ")" : right);
            }

            return null;
        }

        private static string? Constant(IOperation value)
        {
            if (!value.ConstantValue.HasValue)
            {
                return null;
            }

            return value.ConstantValue.Value switch
            {
                int or long or short or byte or decimal or double or float => Convert.ToString(value.ConstantValue.Value, CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        private static bool SameExpression(IOperation a, IOperation b)
            => SyntaxFactory.AreEquivalent(Unwrap(a).Syntax, Unwrap(b).Syntax, topLevel: false);

        private static IOperation Unwrap(IOperation operation) => OperationValues.SkipConversionsAndParentheses(operation)!;

        private static bool IsComparison(BinaryOperatorKind kind)
            => kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;

        private static BinaryOperatorKind Negated(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
            _ => BinaryOperatorKind.Equals,
        };

        private static BinaryOperatorKind Mirrored(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => kind,
        };

        private static string SqlOperator(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => "<",
            BinaryOperatorKind.LessThanOrEqual => "<=",
            BinaryOperatorKind.GreaterThan => ">",
            BinaryOperatorKind.GreaterThanOrEqual => ">=",
            BinaryOperatorKind.Equals => "=",
            _ => "<>",
        };
    }
}
