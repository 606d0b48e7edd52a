using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>How code uses the loaded entity's local, and that code said of an update lambda's parameter instead.</summary>
    internal static class EntityText
    {
        public static bool Mentions(SyntaxNode node, string entity)
            => node.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == entity);

        /// <summary>True when every use of the entity in <paramref name="expression"/> reads <paramref name="property"/>.</summary>
        public static bool OnlyReads(ExpressionSyntax expression, string entity, string property)
            => expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == entity)
                .Select(WithSuppression)
                .All(owner => owner.Parent is MemberAccessExpressionSyntax member && member.Expression == owner && member.Name.Identifier.ValueText == property);

        /// <summary>The expression's text with the entity replaced by the lambda's parameter.</summary>
        public static string Renamed(ExpressionSyntax expression, string entity, string parameter)
        {
            var renamed = expression.ReplaceNodes(
                expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(name => name.Identifier.ValueText == entity).Select(WithSuppression),
                (owner, _) => SyntaxFactory.IdentifierName(parameter).WithTriviaFrom(owner));
            return renamed.ToString().Trim();
        }

        /// <summary>The expression's text, in parentheses when it would not stay one operand of <c>&amp;&amp;</c> or <c>+</c>.</summary>
        public static string Grouped(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax || expression is LiteralExpressionSyntax || expression is MemberAccessExpressionSyntax
               || expression is InvocationExpressionSyntax || expression is ParenthesizedExpressionSyntax
               || (expression is BinaryExpressionSyntax binary && IsComparisonOrEquality(binary))
                ? expression.ToString().Trim()
                : "(" + expression.ToString().Trim() + ")";

        private static bool IsComparisonOrEquality(BinaryExpressionSyntax binary)
            => binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
                or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;

        /// <summary><c>product!</c> for <c>product</c> when the code suppresses its nullable warning there.</summary>
        private static ExpressionSyntax WithSuppression(IdentifierNameSyntax name)
            => name.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression) ? suppressed : name;
    }
}
