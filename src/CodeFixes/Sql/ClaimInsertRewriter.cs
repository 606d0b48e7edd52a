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
    /// bool), the insert a statement of the same block whose values are available where the check was. An
    /// ADO.NET insert's command is made and set up where the check was, and the check's own command goes. With a
    /// transaction (<see cref="ClaimInsertEdit.Transaction"/>), it is opened before the claim and committed where
    /// the insert was, or after the last work that follows it (<see cref="ClaimInsertEdit.CommitAfter"/>), and
    /// every statement in between joins it.
    /// </summary>
    internal static class ClaimInsertRewriter
    {
        public static SyntaxNode? Claim(SyntaxNode root, ClaimInsertEdit edit)
        {
            var checkCommand = edit.CheckCommand?.Setup.Prepend<SyntaxNode>(edit.CheckCommand.Declaration).ToList() ?? new List<SyntaxNode>();
            var insertCommandNodes = edit.InsertCommand?.Setup.Prepend<SyntaxNode>(edit.InsertCommand.Declaration).ToList() ?? new List<SyntaxNode>();
            var transactionNodes = edit.Transaction?.Nodes.ToList() ?? new List<SyntaxNode>();
            var commitAfter = edit.CommitAfter == null ? new SyntaxNode[0] : new SyntaxNode[] { edit.CommitAfter };
            root = root.TrackNodes(new SyntaxNode[] { edit.InsertCall, edit.CheckCall, edit.InsertSql }.Concat(checkCommand).Concat(insertCommandNodes).Concat(transactionNodes).Concat(commitAfter));
            var insertCommand = edit.InsertCommand?.At(root.GetCurrentNode(edit.InsertCommand.Declaration), edit.InsertCommand.Setup.Select(s => root.GetCurrentNode(s)));
            if (!(StatementFacts.StatementOf(root.GetCurrentNode(edit.CheckCall)) is LocalDeclarationStatementSyntax check) || check.Declaration.Variables.Count != 1
                || !(check.Parent is BlockSyntax block) || !(StatementFacts.StatementOf(root.GetCurrentNode(edit.InsertCall)) is ExpressionStatementSyntax insert) || insert.Parent != block)
            {
                return null;
            }

            var checkIndex = block.Statements.IndexOf(check);
            var insertIndex = block.Statements.IndexOf(insert);
            var moved = edit.InsertCommand != null && insertCommand == null ? null : MovedCommand(block, insertCommand, checkIndex, insertIndex);
            var between = block.Statements.Skip(checkIndex + 1).Take(insertIndex - checkIndex - 1).Where(s => moved == null || !moved.Contains(s)).ToList();
            var result = check.Declaration.Variables[0].Identifier.ValueText;
            if (insertIndex <= checkIndex || moved == null || !StatementFacts.CanMoveAcross(insert, between) || moved.Any(s => !StatementFacts.CanMoveAcross(s, between)))
            {
                return null;
            }

            // Every use of the check's result must be a test we can restate on the claimed row count.
            var uses = block.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == result).ToList();
            var claimed = StatementFacts.FreeName(block, "claimed");
            var tests = new Dictionary<SyntaxNode, ExpressionSyntax>();
            foreach (var use in uses)
            {
                var (test, meansProcessed) = ClaimResultTests.TestAround(use);
                if (test == null)
                {
                    return null;
                }

                tests[test] = SyntaxFactory.ParseExpression(claimed + (meansProcessed ? " == 0" : " > 0")).WithTriviaFrom(test);
            }

            var insertSql = root.GetCurrentNode(edit.InsertSql);
            var newSql = insertSql == null ? null : WithOnConflict(insertSql, edit.Key);
            if (newSql == null || tests.Count == 0)
            {
                return null;
            }

            var claim = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(claimed)
                        .WithInitializer(SyntaxFactory.EqualsValueClause(
                        (insert.Span.Contains(insertSql!.Span) ? insert.Expression.ReplaceNode(insertSql, newSql) : insert.Expression).WithoutTrivia())))))
                .WithTriviaFrom(check);

            // An ADO.NET insert's text is in its command, not in the statement running it.
            var sqlElsewhere = insert.Span.Contains(insertSql!.Span) ? new SyntaxNode[0] : new SyntaxNode[] { insertSql };
            var rewrittenBlock = block.ReplaceNodes(tests.Keys.Concat(new SyntaxNode[] { check, insert }).Concat(sqlElsewhere), (original, _) =>
                original == check ? claim : original == insert ? original : original == insertSql ? newSql : tests[original]);
            var statements = rewrittenBlock.Statements.Cast<StatementSyntax?>().ToList();
            var transactionName = edit.Transaction == null ? null : StatementFacts.FreeName(block, "transaction");
            var removedInsert = new SyntaxAnnotation();
            statements[insertIndex] = statements[insertIndex]!.WithAdditionalAnnotations(removedInsert);

            // The insert's end-of-line comment goes with it into the claim.
            var insertTrailing = insert.GetTrailingTrivia();
            var insertComment = HasComment(insertTrailing) && !HasComment(claim.GetTrailingTrivia());
            statements[checkIndex] = insertComment ? claim.WithTrailingTrivia(insertTrailing) : claim;
            if (edit.Transaction != null && edit.CommitAfter == null)
            {
                // No work follows the insert: the commit takes its place and line.
                statements[insertIndex] = TransactionWrapper.Commit(edit.Transaction, transactionName!).WithLeadingTrivia(insert.GetLeadingTrivia())
                    .WithTrailingTrivia(insertComment ? SyntaxFactory.TriviaList(insertTrailing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) : insertTrailing);
            }

            // The insert's command is made where the check was, before the claim runs it.
            var arriving = moved.Select(s => statements[block.Statements.IndexOf(s)]!).ToList();
            foreach (var statement in moved)
            {
                statements[block.Statements.IndexOf(statement)] = null;
            }

            var openingMark = new SyntaxAnnotation();
            statements[checkIndex] = statements[checkIndex]!.WithAdditionalAnnotations(openingMark);
            if (arriving.Count > 0)
            {
                arriving[0] = arriving[0].WithAdditionalAnnotations(openingMark);
                var indentation = LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(check.GetLeadingTrivia()).Spacing);
                var (first, claimAfter) = LeadingTrivia.SwapPlaces(arriving[0], statements[checkIndex]!);
                arriving = arriving.Select((s, i) => i == 0 ? first : s.WithLeadingTrivia(indentation.AddRange(LeadingTrivia.SplitAtFirstComment(s.GetLeadingTrivia()).Comments))).ToList();
                statements[checkIndex] = claimAfter;
                statements.InsertRange(checkIndex, arriving);
            }

            root = root.ReplaceNode(block, rewrittenBlock.WithStatements(SyntaxFactory.List(statements.Where(s => s != null).Select(s => s!))));
            if (root.GetAnnotatedNodes(removedInsert).FirstOrDefault() is StatementSyntax claimedInsert)
            {
                root = StatementRemoval.Remove(root, claimedInsert);
            }

            foreach (var statement in checkCommand)
            {
                if (root.GetCurrentNode(statement) is StatementSyntax current)
                {
                    root = StatementRemoval.Remove(root, current);
                }
            }

            if (edit.Transaction == null)
            {
                return root;
            }

            // Joined after the move, so that the insert's command gets its transaction where it is now made.
            var transaction = edit.Transaction.At(transactionNodes.Select(n => root.GetCurrentNode(n)));
            root = TransactionWrapper.Enlist(root, transaction, transactionName!);
            if (edit.CommitAfter != null)
            {
                // Work follows the claim: the transaction commits after the last of it, so claim and work commit together.
                root = TransactionWrapper.CommitAfter(root, transaction, transactionName!, root.GetCurrentNode(edit.CommitAfter)!);
            }

            var opening = root.GetAnnotatedNodes(openingMark).OfType<StatementSyntax>().OrderBy(s => s.SpanStart).First();
            return TransactionWrapper.OpenBefore(root, transaction, transactionName!, opening);
        }

        internal static bool HasComment(SyntaxTriviaList trivia)
            => trivia.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));

        /// <summary>
        /// The ADO.NET insert command's declaration and setup standing between the check and the insert, which
        /// move to where the check was; empty for Dapper, null when part of the command is made elsewhere.
        /// </summary>
        private static List<StatementSyntax>? MovedCommand(BlockSyntax block, ReadCommand? command, int checkIndex, int insertIndex)
        {
            if (command == null)
            {
                return new List<StatementSyntax>();
            }

            var statements = command.Setup.Prepend(command.Declaration).Select(s => (Statement: s, Index: block.Statements.IndexOf(s))).ToList();
            if (statements.Any(s => s.Index < 0 || s.Index >= insertIndex))
            {
                return null;
            }

            return statements.Where(s => s.Index > checkIndex).OrderBy(s => s.Index).Select(s => s.Statement).ToList();
        }

        /// <summary>The INSERT's literal with <c>ON CONFLICT (key) DO NOTHING</c> appended inside it; null when it cannot be.</summary>
        internal static LiteralExpressionSyntax? WithOnConflict(LiteralExpressionSyntax sql, string key)
        {
            var rewritten = SqlText.Append(sql.Token.Text, SqlDialect.OnConflictDoNothing(key));
            return rewritten != null && SyntaxFactory.ParseExpression(rewritten) is LiteralExpressionSyntax literal && !literal.ContainsDiagnostics && literal.Token.IsKind(sql.Token.Kind())
                ? literal.WithTriviaFrom(sql)
                : null;
        }
    }
}
