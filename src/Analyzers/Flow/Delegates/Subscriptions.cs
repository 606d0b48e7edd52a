using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Flow.Delegates
{
    /// <summary>What an event subscription looks like on syntax, before anything is bound.</summary>
    internal static class Subscriptions
    {
        /// <summary>
        /// The name on the left of <c>x += y</c> when it may subscribe a handler (<c>bus.Changed += h</c> gives Changed):
        /// the right side is a lambda, an anonymous method, a method group or a delegate read from a name (not
        /// <c>count += 1</c>); null otherwise.
        /// </summary>
        public static string? SubscribedName(AssignmentExpressionSyntax assignment)
            => assignment.IsKind(SyntaxKind.AddAssignmentExpression) && MayBeHandler(assignment.Right) ? TargetNames.Of(assignment.Left) : null;

        private static bool MayBeHandler(ExpressionSyntax value)
            => value is AnonymousFunctionExpressionSyntax || value is IdentifierNameSyntax || value is MemberAccessExpressionSyntax || value is ObjectCreationExpressionSyntax;
    }
}
