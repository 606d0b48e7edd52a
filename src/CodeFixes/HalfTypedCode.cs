using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Code still being typed, which no fix rewrites: a member (method, accessor, constructor, field, top-level
    /// statement) with a compiler error in it. A rewrite planned on it adds errors of its own: an <c>async</c>
    /// method whose <c>Task</c> was deleted parses as a method returning a type named <c>async</c>, without a
    /// syntax error, and the <c>await</c>s a fix adds there do not compile. Syntax errors are checked first
    /// (they are on the tree); the member's other errors bind only that member.
    /// </summary>
    internal static class HalfTypedCode
    {
        /// <summary>A member holding the diagnostic's location or one of its additional locations has an error.</summary>
        public static bool At(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = model.SyntaxTree.GetRoot(cancellationToken);
            var nodes = diagnostic.AdditionalLocations.Prepend(diagnostic.Location)
                .Where(l => l.SourceTree == model.SyntaxTree && l.SourceSpan.End <= root.FullSpan.End)
                .Select(l => root.FindNode(l.SourceSpan, getInnermostNodeForTie: true));
            return In(model, nodes, cancellationToken);
        }

        /// <summary>A member holding one of <paramref name="nodes"/> (a fix's anchors, what it rewrites) has an error.</summary>
        public static bool In(SemanticModel model, IEnumerable<SyntaxNode?> nodes, CancellationToken cancellationToken)
        {
            foreach (var member in nodes.Where(n => n != null).Select(n => MemberOf(n!)).Distinct())
            {
                var memberModel = member.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(member.SyntaxTree);
                if ((member.ContainsDiagnostics && member.GetDiagnostics().Any(IsError))
                    || memberModel.GetDiagnostics(member.Span, cancellationToken).Any(IsError))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The member declaration around the node (not its type or namespace); the node itself at the top.</summary>
        private static SyntaxNode MemberOf(SyntaxNode node)
            => node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax && !(n is BaseTypeDeclarationSyntax) && !(n is BaseNamespaceDeclarationSyntax) && !(n is DelegateDeclarationSyntax))
               ?? node;

        private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;
    }
}
