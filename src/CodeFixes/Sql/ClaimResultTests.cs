using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// How RACE005's check result is tested: a count against 0 or 1, an EXISTS bool, a read value against null; and
    /// whether the test means "already there" (processed) or "not there yet".
    /// </summary>
    internal static class ClaimResultTests
    {
        /// <summary>The comparison (or bool use) around a use of the check's result, and whether it means "already processed".</summary>
        public static (ExpressionSyntax? Test, bool MeansProcessed) TestAround(IdentifierNameSyntax use)
        {
            switch (use.Parent)
            {
                case BinaryExpressionSyntax binary when IsLiteral(binary.Right, out var right) && binary.Left == use:
                    return Classify(binary, binary.Kind(), right);
                case BinaryExpressionSyntax binary when IsLiteral(binary.Left, out var left) && binary.Right == use:
                    return Classify(binary, Mirror(binary.Kind()), left);
                case BinaryExpressionSyntax nullTest when (nullTest.Left == use && nullTest.Right.IsKind(SyntaxKind.NullLiteralExpression))
                                                          || (nullTest.Right == use && nullTest.Left.IsKind(SyntaxKind.NullLiteralExpression)):
                    return nullTest.IsKind(SyntaxKind.NotEqualsExpression) ? (nullTest, true) : nullTest.IsKind(SyntaxKind.EqualsExpression) ? (nullTest, false) : (null, false);
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNull:
                    return (isNull, false);
                case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNull:
                    return (isNotNull, true);
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    return (not, false);
                case IfStatementSyntax _:
                case ParenthesizedExpressionSyntax _:
                    return (use, true);
                default:
                    return (null, false);
            }
        }

        private static (ExpressionSyntax?, bool) Classify(BinaryExpressionSyntax test, SyntaxKind kind, int constant)
        {
            switch (kind)
            {
                case SyntaxKind.GreaterThanExpression when constant == 0:
                case SyntaxKind.NotEqualsExpression when constant == 0:
                case SyntaxKind.GreaterThanOrEqualExpression when constant == 1:
                    return (test, true);
                case SyntaxKind.EqualsExpression when constant == 0:
                case SyntaxKind.LessThanExpression when constant == 1:
                case SyntaxKind.LessThanOrEqualExpression when constant == 0:
                    return (test, false);
                default:
                    return (null, false);
            }
        }

        private static SyntaxKind Mirror(SyntaxKind kind) => kind switch
        {
            SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
            SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
            SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
            SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
            _ => kind,
        };

        private static bool IsLiteral(ExpressionSyntax expression, out int value)
        {
            value = -1;
            return expression is LiteralExpressionSyntax literal && literal.Token.Value is int number && (value = number) >= 0;
        }
    }
}
