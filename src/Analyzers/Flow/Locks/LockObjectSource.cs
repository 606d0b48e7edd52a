using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// What a property used as a lock object returns, when its getter is a single return of another member
    /// (<c>get { return m_items; }</c>, <c>=> m_inventory.Items</c>): the lock is that member's. A getter that
    /// computes, branches or can be overridden names no member, and the property stays its own lock.
    /// </summary>
    internal static class LockObjectSource
    {
        /// <summary>How many locals and getters one lock object is followed through (a getter returning itself ends).</summary>
        public const int MaxHops = 4;

        public static IOperation? Returned(IPropertySymbol property, SemanticModel? callerModel)
        {
            var getter = property.GetMethod;
            if (callerModel == null || getter == null || getter.IsVirtual || getter.IsAbstract || getter.IsOverride
                || getter.DeclaringSyntaxReferences.Length != 1 || property.ContainingType.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            var expression = ReturnedExpression(getter.DeclaringSyntaxReferences[0].GetSyntax());
            if (expression == null || !callerModel.Compilation.ContainsSyntaxTree(expression.SyntaxTree))
            {
                return null;
            }

#pragma warning disable RS1030 // The getter may sit in another tree; a lock on a property with a source getter is rare.
            var model = expression.SyntaxTree == callerModel.SyntaxTree ? callerModel : callerModel.Compilation.GetSemanticModel(expression.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(expression) is { } returned && (returned is IFieldReferenceOperation || returned is IPropertyReferenceOperation || returned is IConversionOperation)
                ? returned
                : null;
        }

        private static ExpressionSyntax? ReturnedExpression(SyntaxNode declaration) => declaration switch
        {
            ArrowExpressionClauseSyntax arrow => arrow.Expression,
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            AccessorDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            AccessorDeclarationSyntax { Body: { Statements: { Count: 1 } statements } } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            _ => null,
        };
    }
}
