using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004's "Update atomically in SQL": <c>SET c = @updated</c> becomes <c>SET c = c + @delta</c> inside the
    /// string literal (same string kind and layout), and the parameter binding now passes the delta. A guard on
    /// the read value moves into the statement: <c>… WHERE sku = @sku AND c &gt;= @qty</c>, and its branch runs
    /// when the UPDATE changed no row. Locals the rewrite leaves unused are removed.
    /// </summary>
    internal static class AtomicUpdateRewriter
    {
        public static SyntaxNode? Rewrite(SyntaxNode root, AtomicUpdateEdit edit)
        {
            var deltaExpression = edit.StepsCounter ? CounterDelta(edit.Delta) : edit.Delta.WithoutTrivia();
            var step = edit.StepsCounter ? edit.Delta.Parent as ExpressionStatementSyntax : null;
            if (deltaExpression == null || (edit.StepsCounter && step == null))
            {
                return null;
            }

            var name = ParameterNameFor(deltaExpression, edit.Binding);
            var newSql = RewriteSql(edit, name);
            var newBinding = RebindTo(edit.Binding, name, deltaExpression);
            var updateStatement = edit.Guard != null ? UpdateStatementOf(edit.UpdateCall) : null;
            if (newSql == null || newBinding == null || (edit.Guard != null && (updateStatement == null || edit.Guard.Parent != updateStatement.Parent)))
            {
                return null;
            }

            // What the rewrite stops using, whose declarations may now be unused.
            var dropped = StatementFacts.IdentifiersIn(edit.Binding);
            if (edit.Guard != null)
            {
                dropped.UnionWith(StatementFacts.IdentifiersIn(edit.Guard.Condition));
            }

            var scope = ScopeOf(edit.Sql);
            var readStatement = edit.Guard != null ? StatementFacts.StatementOf(edit.ReadCall) : null;
            var command = edit.ReadCommand;
            var tracked = root.TrackNodes(new SyntaxNode?[] { edit.Sql, edit.Binding, edit.Guard, updateStatement, readStatement, scope, command?.Declaration, step }
                .Concat(command?.Setup ?? Enumerable.Empty<SyntaxNode>()).Where(n => n != null).Select(n => n!));
            tracked = tracked.ReplaceNodes(new[] { tracked.GetCurrentNode(edit.Sql)!, tracked.GetCurrentNode(edit.Binding)! }, (original, _) => original is LiteralExpressionSyntax ? newSql : newBinding);
            if (step != null)
            {
                // The database steps the counter now; the local's own step had no other reader.
                tracked = StatementRemoval.Remove(tracked, tracked.GetCurrentNode(step)!, keepComments: true);
            }

            if (edit.Guard != null)
            {
                tracked = CheckRowCount(tracked, edit.Guard, updateStatement!);
            }

            var currentRead = readStatement != null ? tracked.GetCurrentNode(readStatement) : null;
            var currentCommand = command?.At(tracked.GetCurrentNode(command.Declaration), command.Setup.Select(s => tracked.GetCurrentNode(s)));
            return UnusedLocals.Remove(tracked, tracked.GetCurrentNode(scope)!, dropped, currentRead, currentCommand);
        }

        /// <summary>The update runs where it was, as the guard's test: <c>if (await db.ExecuteAsync(…) == 0) return false;</c>.</summary>
        private static SyntaxNode CheckRowCount(SyntaxNode root, IfStatementSyntax originalGuard, ExpressionStatementSyntax originalUpdate)
        {
            var guard = root.GetCurrentNode(originalGuard)!;
            var update = root.GetCurrentNode(originalUpdate)!;

            // Next to each other, the two statements become one and it stands where the guard stood: the blank line
            // between them goes. With statements between, the check stands where the update stood, and the guard's
            // removal keeps the block's blank lines.
            var adjacent = guard.Parent is BlockSyntax block && block.Statements.IndexOf(guard) + 1 == block.Statements.IndexOf(update);
            var (guardSpacing, guardComments) = LeadingTrivia.SplitAtFirstComment(guard.GetLeadingTrivia());
            root = StatementRemoval.Remove(root, guard);
            update = root.GetCurrentNode(originalUpdate)!;
            var noRow = SyntaxFactory.BinaryExpression(SyntaxKind.EqualsExpression, update.Expression.WithoutTrivia(),
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)));
            var (updateSpacing, updateComments) = LeadingTrivia.SplitAtFirstComment(update.GetLeadingTrivia());
            var check = guard.WithCondition(noRow).WithLeadingTrivia((adjacent ? guardSpacing : updateSpacing).AddRange(guardComments).AddRange(updateComments));
            var endOfLineComment = Comments(update.GetTrailingTrivia());
            if (guard.Statement is BlockSyntax && endOfLineComment.Count > 0 && guard.CloseParenToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                // The update's end-of-line comment stays on the line the update now starts: after the condition.
                var closeParen = check.CloseParenToken;
                check = check.WithCloseParenToken(closeParen.WithTrailingTrivia(
                    SyntaxFactory.TriviaList(SyntaxFactory.Space).AddRange(endOfLineComment).AddRange(closeParen.TrailingTrivia.SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))));
            }
            else if (guard.Statement is BlockSyntax)
            {
                check = check.WithTrailingTrivia(Comments(guard.GetTrailingTrivia()).Count > 0 ? guard.GetTrailingTrivia() : update.GetTrailingTrivia());
            }
            else
            {
                check = check.WithTrailingTrivia(OnOneLine(guard.GetTrailingTrivia(), update.GetTrailingTrivia()));
            }

            return root.ReplaceNode(update, check);
        }

        /// <summary>What a counter's step adds: one for <c>hits++</c>, <c>n</c> for <c>hits += n</c> and <c>hits = hits + n</c>.</summary>
        private static ExpressionSyntax? CounterDelta(ExpressionSyntax step)
        {
            switch (step)
            {
                case PostfixUnaryExpressionSyntax _:
                case PrefixUnaryExpressionSyntax _:
                    return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
                case AssignmentExpressionSyntax compound when !compound.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    return compound.Right.WithoutTrivia();
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax counter } assignment when WithoutParentheses(assignment.Right) is BinaryExpressionSyntax binary:
                    var left = WithoutParentheses(binary.Left);
                    var operand = left is IdentifierNameSyntax name && name.Identifier.ValueText == counter.Identifier.ValueText ? binary.Right : binary.Left;
                    return operand.WithoutTrivia();
                default:
                    return null;
            }
        }

        private static ExpressionSyntax WithoutParentheses(ExpressionSyntax expression)
            => expression is ParenthesizedExpressionSyntax parenthesized ? WithoutParentheses(parenthesized.Expression) : expression;

        /// <summary>The guard's end-of-line comment, then the update's, ending the one line that now says both.</summary>
        private static SyntaxTriviaList OnOneLine(SyntaxTriviaList guardTrailing, SyntaxTriviaList updateTrailing)
        {
            var guardComments = Comments(guardTrailing);
            if (guardComments.Count == 0)
            {
                return updateTrailing;
            }

            var rest = SyntaxFactory.TriviaList(updateTrailing.SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
            return SyntaxFactory.TriviaList(SyntaxFactory.Space).AddRange(guardComments)
                .AddRange(Comments(rest).Count > 0 ? rest.Insert(0, SyntaxFactory.Space) : rest);
        }

        private static List<SyntaxTrivia> Comments(SyntaxTriviaList trivia)
            => trivia.Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)).ToList();

        private static ExpressionStatementSyntax? UpdateStatementOf(SyntaxNode? call)
            => call?.Parent switch
            {
                ExpressionStatementSyntax statement => statement,
                AwaitExpressionSyntax { Parent: ExpressionStatementSyntax statement } => statement,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { Parent: AwaitExpressionSyntax { Parent: ExpressionStatementSyntax statement } } } => statement,
                _ => null,
            };

        /// <summary>The body the locals live in: the enclosing method, local function, lambda or accessor.</summary>
        private static SyntaxNode ScopeOf(SyntaxNode node)
            => node.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax || n is AnonymousFunctionExpressionSyntax || n is AccessorDeclarationSyntax)
               ?? node.SyntaxTree.GetRoot();

        /// <summary>The delta's own name when it is a plain identifier not taken by another member, else "delta" (numbered if taken).</summary>
        private static string ParameterNameFor(ExpressionSyntax delta, SyntaxNode binding)
        {
            var taken = binding.Parent is AnonymousObjectCreationExpressionSyntax anonymous
                ? anonymous.Initializers.Where(i => i != binding).Select(MemberName).ToList()
                : new List<string>();
            var preferred = delta is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : "delta";
            var name = preferred;
            for (var i = 2; taken.Contains(name, System.StringComparer.OrdinalIgnoreCase); i++)
            {
                name = preferred + i;
            }

            return name;
        }

        private static LiteralExpressionSyntax? RewriteSql(AtomicUpdateEdit edit, string name)
        {
            var pattern = new Regex(
                @"(?<lhs>(?<name>[""\[`]?" + Regex.Escape(edit.Column) + @"[""\]`]?)\s*=\s*)(?<marker>[@:$])" + Regex.Escape(edit.Parameter) + @"(?![\w$])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var text = edit.Sql.Token.Text;
            var matches = pattern.Matches(text);
            if (matches.Count != 1)
            {
                return null;
            }

            var column = matches[0].Groups["name"].Value;
            var marker = matches[0].Groups["marker"].Value;
            var rewritten = pattern.Replace(text, m => m.Groups["lhs"].Value + column + " " + edit.Operator + " " + marker + name);
            if (edit.GuardCondition != null)
            {
                var condition = edit.GuardCondition.Replace("{column}", column).Replace("{delta}", marker + name);
                rewritten = SqlText.WithCondition(rewritten, condition);
            }

            if (rewritten == null || !(SyntaxFactory.ParseExpression(rewritten) is LiteralExpressionSyntax literal) || literal.ContainsDiagnostics || !literal.Token.IsKind(edit.Sql.Token.Kind()))
            {
                return null;
            }

            return literal.WithTriviaFrom(edit.Sql);
        }

        private static SyntaxNode? RebindTo(SyntaxNode binding, string name, ExpressionSyntax delta)
        {
            switch (binding)
            {
                case AnonymousObjectMemberDeclaratorSyntax member:
                    var declarator = delta is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name
                        ? SyntaxFactory.AnonymousObjectMemberDeclarator(delta)
                        : SyntaxFactory.AnonymousObjectMemberDeclarator(SyntaxFactory.NameEquals(name), delta);
                    return declarator.WithTriviaFrom(member);

                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } add
                    when add.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax key && key.IsKind(SyntaxKind.StringLiteralExpression):
                    var marker = new string(key.Token.ValueText.TakeWhile(c => c == '@' || c == ':' || c == '$').ToArray());
                    var old = add.ArgumentList.Arguments;
                    var keyArgument = old[0].WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(marker + name)).WithTriviaFrom(key));
                    var valueArgument = old[1].WithExpression(delta.WithTriviaFrom(old[1].Expression));
                    return add.WithArgumentList(add.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(new[] { keyArgument, valueArgument }, old.GetSeparators())));

                default:
                    return null;
            }
        }

        private static string MemberName(AnonymousObjectMemberDeclaratorSyntax member)
            => member.NameEquals?.Name.Identifier.ValueText
               ?? (member.Expression is IdentifierNameSyntax id ? id.Identifier.ValueText
                   : member.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : string.Empty);
    }
}
