using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// A leaving check on the loaded entity, said as the condition an update keeps the row by. The check is
    /// conditions joined by <c>||</c>, each a reason to leave: a null test of the entity (carried by the row
    /// being there at all: no row, no update, the check's branch) and conditions that read only the written
    /// property (carried into the <c>Where</c>, negated). <c>product is null || product.Stock &lt; qty</c> keeps
    /// the row by <c>p.Stock &gt;= qty</c>.
    /// </summary>
    internal static class CarriedCheck
    {
        /// <summary>
        /// The condition the row must meet, said of <paramref name="parameter"/> (empty when the check only tests for
        /// null); null when the check cannot be carried: it reads anything else of the entity, or tests for null
        /// after reading it.
        /// </summary>
        public static string? KeepCondition(ExpressionSyntax check, string entity, string property, string parameter)
        {
            var kept = new List<string>();
            foreach (var reason in Disjuncts(check))
            {
                if (IsNullTest(reason, entity))
                {
                    if (kept.Count > 0)
                    {
                        return null; // the property was read before the null test: a missing row threw there
                    }

                    continue;
                }

                if (!EntityText.OnlyReads(reason, entity, property))
                {
                    return null;
                }

                kept.Add(Negated(EntityText.Renamed(reason, entity, parameter)));
            }

            return string.Join(" && ", kept);
        }

        private static IEnumerable<ExpressionSyntax> Disjuncts(ExpressionSyntax condition)
        {
            if (condition is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalOrExpression))
            {
                return Disjuncts(binary.Left).Concat(Disjuncts(binary.Right));
            }

            return condition is ParenthesizedExpressionSyntax parenthesized ? Disjuncts(parenthesized.Expression) : new[] { condition };
        }

        /// <summary><c>e is null</c>, <c>e == null</c>, <c>null == e</c>.</summary>
        private static bool IsNullTest(ExpressionSyntax condition, string entity)
        {
            switch (condition)
            {
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } pattern:
                    return IsEntity(pattern.Expression, entity) && constant.IsKind(SyntaxKind.NullLiteralExpression);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression):
                    return (IsEntity(binary.Left, entity) && binary.Right.IsKind(SyntaxKind.NullLiteralExpression))
                           || (IsEntity(binary.Right, entity) && binary.Left.IsKind(SyntaxKind.NullLiteralExpression));
                default:
                    return false;
            }
        }

        private static bool IsEntity(ExpressionSyntax expression, string entity)
            => expression is IdentifierNameSyntax name && name.Identifier.ValueText == entity;

        /// <summary>The opposite comparison (<c>&lt;</c> becomes <c>&gt;=</c>), else <c>!(…)</c>.</summary>
        private static string Negated(string condition)
        {
            var parsed = SyntaxFactory.ParseExpression(condition);
            if (parsed is BinaryExpressionSyntax binary)
            {
                var opposite = binary.Kind() switch
                {
                    SyntaxKind.LessThanExpression => ">=",
                    SyntaxKind.LessThanOrEqualExpression => ">",
                    SyntaxKind.GreaterThanExpression => "<=",
                    SyntaxKind.GreaterThanOrEqualExpression => "<",
                    SyntaxKind.EqualsExpression => "!=",
                    SyntaxKind.NotEqualsExpression => "==",
                    _ => null,
                };
                if (opposite != null)
                {
                    return binary.Left.ToString().Trim() + " " + opposite + " " + binary.Right.ToString().Trim();
                }
            }

            return "!(" + condition + ")";
        }
    }
}
