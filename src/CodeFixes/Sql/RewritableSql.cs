using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// The string literal a SQL fix may rewrite: the literal at the call, or the initializer of a constant
    /// (local or private field) declared in the same file and used only at this call, so the rewrite changes no
    /// other statement. Null for anything else (an interpolation, a concatenation, a shared constant).
    /// </summary>
    internal static class RewritableSql
    {
        public static LiteralExpressionSyntax? Of(IOperation? sqlOperand)
        {
            switch (sqlOperand)
            {
                case ILiteralOperation { Syntax: LiteralExpressionSyntax literal }:
                    return literal;
                case ILocalReferenceOperation { Local: { IsConst: true } local } reference:
                    return SingleUseInitializer(local, reference, local.ContainingSymbol);
                case IFieldReferenceOperation { Field: { IsConst: true, DeclaredAccessibility: Accessibility.Private } field } reference:
                    return SingleUseInitializer(field, reference, field.ContainingType);
                default:
                    return null;
            }
        }

        private static LiteralExpressionSyntax? SingleUseInitializer(ISymbol constant, IOperation reference, ISymbol scope)
        {
            if (constant.DeclaringSyntaxReferences.Length != 1 || scope.DeclaringSyntaxReferences.Length != 1
                || !(constant.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } declarator)
                || declarator.SyntaxTree != reference.Syntax.SyntaxTree || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return null;
            }

            // Counted by name: a same-named identifier elsewhere only makes this more careful.
            var name = constant.Name;
            var uses = scope.DeclaringSyntaxReferences[0].GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>().Count(id => id.Identifier.ValueText == name);
            return uses == 1 ? literal : null;
        }
    }
}
