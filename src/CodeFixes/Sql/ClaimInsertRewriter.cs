using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE005's move: <c>var seen = &lt;check&gt;; if (seen &gt; 0) return; … &lt;insert&gt;;</c> becomes
    /// <c>var claimed = &lt;insert … ON CONFLICT (key) DO NOTHING&gt;; if (claimed == 0) return; …</c>.
    /// Offered only for that shape: the check's result in a local read only by tests against 0 or 1 (or as a
    /// bool), the insert a statement of the same block whose values are available where the check was.
    /// Outside a transaction, one is opened before the claim and committed where the insert was, and every
    /// statement in between is passed it: the claim stands only if the work it guards does.
    /// </summary>
    internal static class ClaimInsertRewriter
    {
        public static SyntaxNode? Claim(SyntaxNode root, SyntaxNode insertCall, SyntaxNode checkCall, LiteralExpressionSyntax insertSql, string key, ClaimTransactionEdit? transaction)
        {
            string? transactionName = null;
            if (transaction != null)
            {
                if (!(StatementFacts.StatementOf(checkCall)?.Parent is BlockSyntax scope))
                {
                    return null;
                }

                transactionName = StatementFacts.FreeName(scope, "transaction");
                var tracked = root.TrackNodes(new[] { insertCall, checkCall, insertSql }.Concat(transaction.Calls));
                var name = transactionName;
                tracked = tracked.ReplaceNodes(transaction.Calls.Select(c => tracked.GetCurrentNode(c)!), (_, rewritten) => WithTransactionArgument(rewritten, name));
                (root, insertCall, checkCall, insertSql) = (tracked, tracked.GetCurrentNode(insertCall)!, tracked.GetCurrentNode(checkCall)!, tracked.GetCurrentNode(insertSql)!);
            }

            if (!(StatementFacts.StatementOf(checkCall) is LocalDeclarationStatementSyntax check) || check.Declaration.Variables.Count != 1
                || !(check.Parent is BlockSyntax block) || !(StatementFacts.StatementOf(insertCall) is ExpressionStatementSyntax insert) || insert.Parent != block)
            {
                return null;
            }

            var checkIndex = block.Statements.IndexOf(check);
            var insertIndex = block.Statements.IndexOf(insert);
            var between = block.Statements.Skip(checkIndex + 1).Take(insertIndex - checkIndex - 1).ToList();
            var result = check.Declaration.Variables[0].Identifier.ValueText;
            if (insertIndex <= checkIndex || !StatementFacts.CanMoveAcross(insert, between))
            {
                return null;
            }

            // Every use of the check's result must be a test we can restate on the claimed row count.
            var uses = block.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == result).ToList();
            var claimed = StatementFacts.FreeName(block, "claimed");
            var tests = new Dictionary<SyntaxNode, ExpressionSyntax>();
            foreach (var use in uses)
            {
                var (test, meansProcessed) = TestAround(use);
                if (test == null)
                {
                    return null;
                }

                tests[test] = SyntaxFactory.ParseExpression(claimed + (meansProcessed ? " == 0" : " > 0")).WithTriviaFrom(test);
            }

            var newSql = WithOnConflict(insertSql, key);
            if (newSql == null || tests.Count == 0)
            {
                return null;
            }

            var claim = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(claimed)
                        .WithInitializer(SyntaxFactory.EqualsValueClause(insert.Expression.ReplaceNode(insertSql, newSql).WithoutTrivia())))))
                .WithTriviaFrom(check);

            var rewrittenBlock = block.ReplaceNodes(tests.Keys.Concat(new SyntaxNode[] { check, insert }), (original, _) =>
                original == check ? claim : original == insert ? original : tests[original]);
            var statements = rewrittenBlock.Statements;
            if (transaction == null || transactionName == null)
            {
                return root.ReplaceNode(block, rewrittenBlock.WithStatements(statements.RemoveAt(insertIndex)));
            }

            // The transaction opens where the check was and commits where the insert was.
            // The insert's end-of-line comment goes with it into the claim; the commit takes its place and line.
            var insertTrailing = statements[insertIndex].GetTrailingTrivia();
            var insertComment = insertTrailing.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));
            var commit = SyntaxFactory.ParseStatement(transaction.IsAsync ? $"await {transactionName}.CommitAsync();" : $"{transactionName}.Commit();")
                .WithLeadingTrivia(statements[insertIndex].GetLeadingTrivia())
                .WithTrailingTrivia(insertComment ? SyntaxFactory.TriviaList(insertTrailing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) : insertTrailing);
            var begin = SyntaxFactory.ParseStatement(transaction.IsAsync
                    ? $"await using var {transactionName} = await {transaction.Connection}.BeginTransactionAsync();"
                    : $"using var {transactionName} = {transaction.Connection}.BeginTransaction();")
                .WithTriviaFrom(check);
            var claimStatement = statements[checkIndex];
            var indentation = LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(claimStatement.GetLeadingTrivia()).Spacing);
            var wrapped = statements.ToList();
            wrapped[insertIndex] = commit;
            wrapped[checkIndex] = claimStatement.WithLeadingTrivia(indentation).WithTrailingTrivia(insertComment ? insertTrailing : claimStatement.GetTrailingTrivia());
            wrapped.Insert(checkIndex, begin);
            return root.ReplaceNode(block, rewrittenBlock.WithStatements(SyntaxFactory.List(wrapped)));
        }

        /// <summary><c>db.ExecuteAsync(sql, param)</c> becomes <c>db.ExecuteAsync(sql, param, transaction: transaction)</c>.</summary>
        private static SyntaxNode WithTransactionArgument(SyntaxNode call, string transaction)
        {
            if (!(call is InvocationExpressionSyntax invocation))
            {
                return call;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var argument = SyntaxFactory.ParseArgumentList($"(transaction: {transaction})").Arguments[0];
            var separators = arguments.GetSeparators().ToList();
            if (arguments.Count > 0)
            {
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments.Add(argument), separators)));
        }

        /// <summary>The comparison (or bool use) around a use of the check's result, and whether it means "already processed".</summary>
        private static (ExpressionSyntax? Test, bool MeansProcessed) TestAround(IdentifierNameSyntax use)
        {
            switch (use.Parent)
            {
                case BinaryExpressionSyntax binary when IsLiteral(binary.Right, out var right) && binary.Left == use:
                    return Classify(binary, binary.Kind(), right);
                case BinaryExpressionSyntax binary when IsLiteral(binary.Left, out var left) && binary.Right == use:
                    return Classify(binary, Mirror(binary.Kind()), left);
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    return (not, false);
                case IfStatementSyntax _:
                case ParenthesizedExpressionSyntax _:
                    return (use, true);
                default:
                    return (null, false);
            }
        }

        private static (ExpressionSyntax?, bool) Classify(BinaryExpressionSyntax test, SyntaxKind kind, int constant)
        {
            switch (kind)
            {
                case SyntaxKind.GreaterThanExpression when constant == 0:
                case SyntaxKind.NotEqualsExpression when constant == 0:
                case SyntaxKind.GreaterThanOrEqualExpression when constant == 1:
                    return (test, true);
                case SyntaxKind.EqualsExpression when constant == 0:
                case SyntaxKind.LessThanExpression when constant == 1:
                case SyntaxKind.LessThanOrEqualExpression when constant == 0:
                    return (test, false);
                default:
                    return (null, false);
            }
        }

        private static SyntaxKind Mirror(SyntaxKind kind) => kind switch
        {
            SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
            SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
            SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
            SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
            _ => kind,
        };

        private static bool IsLiteral(ExpressionSyntax expression, out int value)
        {
            value = -1;
            return expression is LiteralExpressionSyntax literal && literal.Token.Value is int number && (value = number) >= 0;
        }

        private static LiteralExpressionSyntax? WithOnConflict(LiteralExpressionSyntax sql, string key)
        {
            var rewritten = SqlText.Append(sql.Token.Text, SqlDialect.OnConflictDoNothing(key));
            return rewritten != null && SyntaxFactory.ParseExpression(rewritten) is LiteralExpressionSyntax literal && !literal.ContainsDiagnostics && literal.Token.IsKind(sql.Token.Kind())
                ? literal.WithTriviaFrom(sql)
                : null;
        }
    }
}
