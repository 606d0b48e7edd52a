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
    /// rewrite replaced may go too, with the ADO.NET command that only ran it.
    /// </summary>
    internal static class UnusedLocals
    {
        public static SyntaxNode Remove(SyntaxNode root, SyntaxNode scope, HashSet<string> candidates, StatementSyntax? removableRead)
        {
            var scopeMark = new SyntaxAnnotation();
            var readMark = new SyntaxAnnotation();
            var marked = removableRead != null ? new[] { scope, removableRead } : new[] { scope };
            root = root.ReplaceNodes(marked, (original, rewritten) => rewritten.WithAdditionalAnnotations(original == scope ? scopeMark : readMark));
            var command = removableRead != null ? CommandRunBy(removableRead) : null;
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

            return readRemoved && command != null ? RemoveUnusedCommand(root, root.GetAnnotatedNodes(scopeMark).First(), command) : root;
        }

        /// <summary>The local command a read statement executes: <c>read</c> in <c>(int)(await read.ExecuteScalarAsync())!</c>.</summary>
        private static string? CommandRunBy(StatementSyntax read)
            => read.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(i => i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access && access.Name.Identifier.ValueText.StartsWith("Execute", System.StringComparison.Ordinal) ? receiver.Identifier.ValueText : null)
                .FirstOrDefault(n => n != null);

        /// <summary>The command's declaration and its setup (<c>read.Parameters.AddWithValue(…)</c>) go when nothing else uses it.</summary>
        private static SyntaxNode RemoveUnusedCommand(SyntaxNode root, SyntaxNode scope, string command)
        {
            var declaration = scope.DescendantNodes().OfType<LocalDeclarationStatementSyntax>()
                .FirstOrDefault(d => d.Declaration.Variables.Count == 1 && d.Declaration.Variables[0].Identifier.ValueText == command);
            if (declaration == null || !(declaration.Parent is BlockSyntax block) || !CreatesCommand(declaration.Declaration.Variables[0].Initializer?.Value))
            {
                return root;
            }

            var setup = block.Statements.Where(s => s != declaration && StatementFacts.IdentifiersIn(s).Contains(command)).ToList();
            var referencesElsewhere = scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Any(id => id.Identifier.ValueText == command && !setup.Any(s => s.Span.Contains(id.Span)));
            if (referencesElsewhere || !setup.All(s => IsSetupOf(s, command)))
            {
                return root;
            }

            var marks = setup.Prepend(declaration).ToDictionary(s => (SyntaxNode)s, _ => new SyntaxAnnotation());
            root = root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original]));
            foreach (var mark in marks.Values)
            {
                root = StatementRemoval.Remove(root, (StatementSyntax)root.GetAnnotatedNodes(mark).First());
            }

            return root;
        }

        /// <summary><c>new NpgsqlCommand(…)</c>, <c>connection.CreateCommand()</c>.</summary>
        private static bool CreatesCommand(ExpressionSyntax? value)
            => value switch
            {
                ObjectCreationExpressionSyntax creation => creation.Type.ToString().EndsWith("Command", System.StringComparison.Ordinal),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText == "CreateCommand",
                _ => false,
            };

        /// <summary><c>cmd.Parameters.AddWithValue(…);</c> or <c>cmd.CommandText = …;</c>, nothing else.</summary>
        private static bool IsSetupOf(StatementSyntax statement, string command)
        {
            if (!(statement is ExpressionStatementSyntax { Expression: var expression }) || expression.DescendantNodes().OfType<AwaitExpressionSyntax>().Any())
            {
                return false;
            }

            var target = expression is AssignmentExpressionSyntax assignment ? assignment.Left : (expression as InvocationExpressionSyntax)?.Expression;
            var path = new List<string>();
            while (target is MemberAccessExpressionSyntax member)
            {
                path.Insert(0, member.Name.Identifier.ValueText);
                target = member.Expression;
            }

            var setsUp = expression is AssignmentExpressionSyntax
                ? path.Count == 1 && (path[0] == "CommandText" || path[0] == "CommandType" || path[0] == "Transaction")
                : path.Count >= 2 && path[0] == "Parameters";
            return setsUp && target is IdentifierNameSyntax name && name.Identifier.ValueText == command;
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
