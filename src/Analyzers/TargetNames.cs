using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers
{
    /// <summary>What a member or variable reference is called on syntax, before anything is bound.</summary>
    internal static class TargetNames
    {
        /// <summary>
        /// The simple name a reference ends in: <c>_consumer</c>, <c>this._consumer</c>, <c>bus.Changed</c>,
        /// <c>x?.Changed</c>, <c>(x.Changed)</c>; null for other shapes (an element access, a call's result).
        /// </summary>
        public static string? Of(ExpressionSyntax target) => target switch
        {
            ParenthesizedExpressionSyntax parenthesized => Of(parenthesized.Expression),
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
