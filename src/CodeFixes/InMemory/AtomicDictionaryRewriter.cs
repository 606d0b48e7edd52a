using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>
    /// RACE009's rewrites: <c>d[k] = d[k] + x;</c> → <c>d.AddOrUpdate(k, x, (_, current) =&gt; current + x);</c>
    /// (a delta with effects is computed once, into a local, first); <c>if (!d.ContainsKey(k)) d[k] = e;</c> →
    /// <c>d.GetOrAdd(k, _ =&gt; e);</c>; <c>if (!d.TryGetValue(k, out var v)) { v = e; d[k] = v; }</c> →
    /// <c>var v = d.GetOrAdd(k, _ =&gt; e);</c>; an owner-checked <c>d.TryRemove(k, out _)</c> →
    /// <c>d.TryRemove(KeyValuePair.Create(k, owner))</c>.
    /// </summary>
    internal static class AtomicDictionaryRewriter
    {
        public static SyntaxNode? AddOrUpdate(SyntaxNode root, AssignmentExpressionSyntax assignment, ExpressionSyntax delta, string op)
        {
            if (!(assignment.Left is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } entry) || !(assignment.Parent is ExpressionStatementSyntax statement))
            {
                return null;
            }

            var scope = statement.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax || n is AccessorDeclarationSyntax) ?? statement.Parent!;
            var current = StatementFacts.FreeName(scope, "current");
            var deltaValue = delta.WithoutTrivia();
            LocalDeclarationStatementSyntax? computedOnce = null;
            if (ExpressionEffects.HasEffects(deltaValue))
            {
                var name = StatementFacts.FreeName(scope, op == "+" ? "increment" : "decrement");
                computedOnce = (LocalDeclarationStatementSyntax)SyntaxFactory.ParseStatement($"var {name} = {deltaValue};").WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
                deltaValue = SyntaxFactory.IdentifierName(name);
            }

            var operand = deltaValue is IdentifierNameSyntax || deltaValue is LiteralExpressionSyntax || deltaValue is MemberAccessExpressionSyntax
                ? deltaValue.ToString()
                : "(" + deltaValue + ")";
            var added = op == "+" ? operand : "-" + operand;
            var call = SyntaxFactory.ParseStatement(
                    $"{entry.Expression}.AddOrUpdate({entry.ArgumentList.Arguments[0]}, {added}, (_, {current}) => {current} {op} {operand});")
                .WithTriviaFrom(statement);
            if (call.ContainsDiagnostics)
            {
                return null;
            }

            if (computedOnce == null)
            {
                return root.ReplaceNode(statement, call);
            }

            var indentation = LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(statement.GetLeadingTrivia()).Spacing);
            return root.ReplaceNode(statement, new StatementSyntax[] { computedOnce, call.WithLeadingTrivia(indentation) });
        }

        /// <param name="value">The value the write in the <c>if</c> stores (<c>d[k] = value</c>, <c>d.TryAdd(k, value)</c>), found from the operations when the fix was planned.</param>
        public static SyntaxNode? GetOrAdd(SyntaxNode root, IfStatementSyntax check, ExpressionSyntax value, bool declaresOut)
        {
            // `var v = …;` cannot be the embedded statement of an if, else or loop (`if (a) if (!d.TryGetValue(k, out var v)) …`).
            if (declaresOut && !(check.Parent is BlockSyntax))
            {
                return null;
            }

            if (!(check.Condition is PrefixUnaryExpressionSyntax { Operand: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } read } not)
                || !not.IsKind(SyntaxKind.LogicalNotExpression) || read.ArgumentList.Arguments.Count < 1)
            {
                return null;
            }

            var statements = check.Statement is BlockSyntax block ? block.Statements.ToList() : new System.Collections.Generic.List<StatementSyntax> { check.Statement };
            var dictionary = access.Expression.WithoutTrivia();
            var key = read.ArgumentList.Arguments[0].Expression.WithoutTrivia();
            string text;
            if (!declaresOut)
            {
                if (statements.Count != 1 || !statements[0].Span.Contains(value.Span))
                {
                    return null;
                }

                text = $"{dictionary}.GetOrAdd({key}, _ => {value.WithoutTrivia()});";
            }
            else
            {
                if (statements.Count != 2 || read.ArgumentList.Arguments.Count != 2
                    || !(statements[0] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } created })
                    || !statements[1].Span.Contains(value.Span)
                    || !(value is IdentifierNameSyntax stored) || stored.Identifier.ValueText != target.Identifier.ValueText
                    || created.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == target.Identifier.ValueText))
                {
                    return null;
                }

                var declaration = read.ArgumentList.Arguments[1].Expression switch
                {
                    DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax variable } declared when variable.Identifier.ValueText == target.Identifier.ValueText => declared.Type + " " + variable.Identifier.ValueText,
                    IdentifierNameSyntax existing when existing.Identifier.ValueText == target.Identifier.ValueText => existing.Identifier.ValueText,
                    _ => null,
                };
                if (declaration == null)
                {
                    return null;
                }

                text = $"{declaration} = {dictionary}.GetOrAdd({key}, _ => {created.Right.WithoutTrivia()});";
            }

            var replacement = SyntaxFactory.ParseStatement(text).WithTriviaFrom(check);
            return replacement.ContainsDiagnostics ? null : root.ReplaceNode(check, replacement.WithAdditionalAnnotations(Formatter.Annotation));
        }

        /// <summary>The <c>if</c> over both branches' writes → the one AddOrUpdate statement planned for it.</summary>
        public static SyntaxNode? UpdateOrAdd(SyntaxNode root, IfStatementSyntax check, string replacement)
        {
            var call = SyntaxFactory.ParseStatement(replacement);
            if (call.ContainsDiagnostics)
            {
                return null;
            }

            // The branches' comments stay: one (the same on every write) at the end of the line, several as lines before it.
            var leading = check.GetLeadingTrivia();
            var inner = check.DescendantTrivia().Where(IsComment).Skip(leading.Count(IsComment)).Select(t => t.ToString()).Distinct().ToList();
            var trailing = check.GetTrailingTrivia();
            if (inner.Count == 1)
            {
                trailing = SyntaxFactory.TriviaList(SyntaxFactory.Space, SyntaxFactory.Comment(inner[0])).AddRange(trailing);
            }
            else if (inner.Count > 1)
            {
                var indentation = LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(leading).Spacing);
                var endOfLine = check.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                leading = leading.AddRange(inner.SelectMany(comment => new[] { SyntaxFactory.Comment(comment), endOfLine }.Concat(indentation)));
            }

            return root.ReplaceNode(check, call.WithLeadingTrivia(leading).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation));
        }

        /// <summary>
        /// The early-returning check, the new value's declaration and its store → the declaration initialized by
        /// GetOrAdd, with the check's leading trivia and the store's trailing comment.
        /// </summary>
        public static SyntaxNode? ReturnStoredOrAdded(SyntaxNode root, IfStatementSyntax check, LocalDeclarationStatementSyntax created, ExpressionStatementSyntax store, string call)
        {
            var getOrAdd = SyntaxFactory.ParseExpression(call);
            if (getOrAdd.ContainsDiagnostics || !(check.Parent is BlockSyntax block) || created.Declaration.Variables.Count != 1
                || block.Statements.IndexOf(created) != block.Statements.IndexOf(check) + 1 || block.Statements.IndexOf(store) != block.Statements.IndexOf(created) + 1
                || CommentsWithin(check) || HasComment(created.GetLeadingTrivia()) || HasComment(store.GetLeadingTrivia())
                || (HasComment(created.GetTrailingTrivia()) && HasComment(store.GetTrailingTrivia())))
            {
                return null;
            }

            var variable = created.Declaration.Variables[0];
            var declaration = created
                .WithDeclaration(created.Declaration.WithVariables(SyntaxFactory.SingletonSeparatedList(variable.WithInitializer(variable.Initializer!.WithValue(getOrAdd)))))
                .WithLeadingTrivia(check.GetLeadingTrivia())
                .WithTrailingTrivia(HasComment(store.GetTrailingTrivia()) ? store.GetTrailingTrivia() : created.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var statements = block.Statements.Where(s => s != created && s != store).Select(s => s == check ? (StatementSyntax)declaration : s);
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements)));
        }

        /// <summary><c>d.TryRemove(k, out _)</c> → <c>d.TryRemove(KeyValuePair.Create(k, owner))</c>: the call keeps its place, so a tested result stays tested.</summary>
        public static SyntaxNode? RemoveIfUnchanged(SyntaxNode root, InvocationExpressionSyntax removal, string arguments)
        {
            var replacement = SyntaxFactory.ParseArgumentList(arguments);
            return replacement.ContainsDiagnostics ? null : root.ReplaceNode(removal.ArgumentList, replacement.WithTriviaFrom(removal.ArgumentList));
        }

        /// <summary>A comment inside the statement (not before it): the rewrite would drop it.</summary>
        private static bool CommentsWithin(StatementSyntax statement)
            => statement.DescendantTrivia().Any(IsComment) && statement.DescendantTrivia().Count(IsComment) != statement.GetLeadingTrivia().Count(IsComment);

        private static bool HasComment(SyntaxTriviaList trivia) => trivia.Any(IsComment);

        private static bool IsComment(SyntaxTrivia trivia) => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
    }
}
