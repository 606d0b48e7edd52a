using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// After a rewrite stops using some locals (<c>var remaining = onHand - qty;</c>), their declarations go,
    /// transitively, when nothing else reads them and computing them has no effect. The SELECT whose result the
    /// rewrite replaced may go too, with the ADO.NET command that only ran it (<see cref="ReadCommand"/>, found from symbols when the fix was planned).
    /// </summary>
    internal static class UnusedLocals
    {
        public static SyntaxNode Remove(SyntaxNode root, SyntaxNode scope, HashSet<string> candidates, StatementSyntax? removableRead, ReadCommand? readCommand)
        {
            var scopeMark = new SyntaxAnnotation();
            var readMark = new SyntaxAnnotation();
            var commandMarks = readCommand == null || removableRead == null
                ? new Dictionary<SyntaxNode, SyntaxAnnotation>()
                : readCommand.Setup.Prepend<SyntaxNode>(readCommand.Declaration).ToDictionary(s => s, _ => new SyntaxAnnotation());
            var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>(commandMarks) { [scope] = scopeMark };
            if (removableRead != null)
            {
                marks[removableRead] = readMark;
            }

            root = root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original]));
            var readRemoved = false;

            while (true)
            {
                var current = root.GetAnnotatedNodes(scopeMark).First();
                var unused = current.DescendantNodes().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault(d =>
                    d.Declaration.Variables.Count == 1 && d.UsingKeyword.IsKind(SyntaxKind.None)
                    && candidates.Contains(d.Declaration.Variables[0].Identifier.ValueText)
                    && !IsReferencedOutside(current, d, d.Declaration.Variables[0].Identifier.ValueText)
                    && (d.HasAnnotation(readMark) || IsPure(d.Declaration.Variables[0].Initializer?.Value)));
                if (unused == null)
                {
                    break;
                }

                readRemoved |= unused.HasAnnotation(readMark);
                candidates.UnionWith(StatementFacts.IdentifiersIn(unused.Declaration));
                root = StatementRemoval.Remove(root, unused);
            }

            return readRemoved && readCommand != null ? RemoveUnusedCommand(root, root.GetAnnotatedNodes(scopeMark).First(), readCommand.Name, commandMarks.Values) : root;
        }

        /// <summary>The command's declaration and its setup (<c>read.Parameters.AddWithValue(…)</c>) go when nothing else uses it.</summary>
        private static SyntaxNode RemoveUnusedCommand(SyntaxNode root, SyntaxNode scope, string command, IEnumerable<SyntaxAnnotation> marks)
        {
            var statements = marks.Select(mark => root.GetAnnotatedNodes(mark).FirstOrDefault()).ToList();
            var referencesElsewhere = scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Any(id => id.Identifier.ValueText == command && !statements.Any(s => s != null && s.Span.Contains(id.Span)));
            if (referencesElsewhere || statements.Any(s => s == null))
            {
                return root;
            }

            foreach (var mark in marks)
            {
                root = StatementRemoval.Remove(root, (StatementSyntax)root.GetAnnotatedNodes(mark).First());
            }

            return root;
        }

        private static bool IsReferencedOutside(SyntaxNode scope, SyntaxNode declaration, string name)
            => scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == name && !declaration.Span.Contains(id.Span));

        /// <summary>Computing the value has no effect: no call, await, object creation or assignment.</summary>
        private static bool IsPure(ExpressionSyntax? value)
            => value != null && !value.DescendantNodesAndSelf().Any(n =>
                n is InvocationExpressionSyntax || n is AwaitExpressionSyntax || n is BaseObjectCreationExpressionSyntax || n is AssignmentExpressionSyntax
                || n.IsKind(SyntaxKind.PostIncrementExpression) || n.IsKind(SyntaxKind.PostDecrementExpression)
                || n.IsKind(SyntaxKind.PreIncrementExpression) || n.IsKind(SyntaxKind.PreDecrementExpression));
    }
}
