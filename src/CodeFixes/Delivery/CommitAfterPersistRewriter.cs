using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// RACE006/RACE007's moves: the commit statement goes after the persistence (RACE006), or into the try body
    /// after it, out of a finally or up from after a swallowing catch (RACE007). Each returns null unless the
    /// statements are where the move is provably safe.
    /// </summary>
    internal static class CommitAfterPersistRewriter
    {
        /// <summary>Moves the commit to just after the block-level statement holding the last persistence.</summary>
        public static SyntaxNode? CommitAfterPersist(SyntaxNode root, SyntaxNode commitCall, SyntaxNode persistCall)
        {
            var commit = StatementFacts.StatementOf(commitCall);
            if (!(commit?.Parent is BlockSyntax block) || !(StatementFacts.ChildOf(block, persistCall) is StatementSyntax persist))
            {
                return null;
            }

            var statements = block.Statements;
            var commitIndex = statements.IndexOf(commit);
            var persistIndex = statements.IndexOf(persist);
            if (persistIndex <= commitIndex || !StatementFacts.CanMoveAcross(commit, statements.Skip(commitIndex + 1).Take(persistIndex - commitIndex).ToList()))
            {
                return null;
            }

            // The first statement the commit jumps over takes its place (and its blank lines).
            var (arriving, leaving) = LeadingTrivia.SwapPlaces(statements[commitIndex + 1], commit);
            var reordered = statements.Take(commitIndex)
                .Append(arriving)
                .Concat(statements.Skip(commitIndex + 2).Take(persistIndex - commitIndex - 1))
                .Append(leaving)
                .Concat(statements.Skip(persistIndex + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(reordered)));
        }

        /// <summary>
        /// Moves the commit to the end of the body of the try that holds the persistence; with
        /// <paramref name="failurePath"/>, the <paramref name="swallowing"/> catches of that try then settle the
        /// message (seek back, nack, abandon or rethrow), so that it comes again instead of waiting unsettled or
        /// being passed over.
        /// </summary>
        public static SyntaxNode? CommitInsideTry(SyntaxNode root, SyntaxNode commitCall, SyntaxNode persistCall, IReadOnlyList<CatchClauseSyntax> swallowing, string? failurePath)
        {
            var tracked = root.TrackNodes(new[] { commitCall, persistCall }.Concat(swallowing));
            var moved = MoveIntoTry(tracked, tracked.GetCurrentNode(commitCall)!, tracked.GetCurrentNode(persistCall)!);
            if (moved == null || failurePath == null || swallowing.Count == 0)
            {
                return moved;
            }

            var catches = swallowing.Select(c => moved.GetCurrentNode(c)).Where(c => c != null).Select(c => c!).ToList();
            return SettleInCatches(moved, catches, failurePath) ?? moved;
        }

        /// <summary>Adds <paramref name="failurePath"/> to each of the <paramref name="swallowing"/> catches (those that neither rethrow nor settle the message).</summary>
        public static SyntaxNode? SettleInCatches(SyntaxNode root, IReadOnlyList<CatchClauseSyntax> swallowing, string failurePath)
        {
            var statement = SyntaxFactory.ParseStatement(failurePath);
            if (swallowing.Count == 0 || statement.ContainsDiagnostics)
            {
                return null;
            }

            var changed = false;
            var rewritten = root.ReplaceNodes(swallowing, (original, current) =>
            {
                var settled = WithFailurePath(current, statement);
                changed |= settled != current;
                return settled;
            });
            return changed ? rewritten : null;
        }

        /// <summary>The statement goes last in the catch, or before the jump that ends it (<c>continue;</c>).</summary>
        private static CatchClauseSyntax WithFailurePath(CatchClauseSyntax handler, StatementSyntax statement)
        {
            var statements = handler.Block.Statements;
            var last = statements.LastOrDefault();
            var endsWithJump = last is ContinueStatementSyntax || last is BreakStatementSyntax || last is ReturnStatementSyntax || last is GotoStatementSyntax;
            if (endsWithJump && statement is ThrowStatementSyntax)
            {
                return handler;
            }

            var added = statement.WithAdditionalAnnotations(Formatter.Annotation).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            if (last != null)
            {
                added = added.WithLeadingTrivia(LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(last.GetLeadingTrivia()).Spacing))
                    .WithTrailingTrivia(last.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
            }

            var index = endsWithJump ? statements.Count - 1 : statements.Count;
            var block = handler.Block.WithStatements(statements.Insert(index, added));

            // A catch written on one line (`catch (X) { }`) becomes a block laid out as the file's settings say.
            var oneLine = !handler.Block.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return handler.WithBlock(oneLine ? block.WithAdditionalAnnotations(Formatter.Annotation) : block);
        }

        private static SyntaxNode? MoveIntoTry(SyntaxNode root, SyntaxNode commitCall, SyntaxNode persistCall)
        {
            var commit = StatementFacts.StatementOf(commitCall);
            var tryStatement = persistCall.Ancestors().OfType<TryStatementSyntax>().FirstOrDefault(t => t.Block.Span.Contains(persistCall.Span));
            if (commit == null || tryStatement == null || !(commit.Parent is BlockSyntax commitBlock))
            {
                return null;
            }

            var moved = commit.WithAdditionalAnnotations(Formatter.Annotation);
            if (commitBlock.Parent is FinallyClauseSyntax finallyClause && finallyClause.Parent == tryStatement)
            {
                return OutOfFinally(root, tryStatement, commit, moved);
            }

            if (commitBlock == tryStatement.Parent)
            {
                return UpFromAfterTry(root, commitBlock, tryStatement, commit, moved);
            }

            return null;
        }

        private static SyntaxNode? OutOfFinally(SyntaxNode root, TryStatementSyntax tryStatement, StatementSyntax commit, StatementSyntax moved)
        {
            var finallyBlock = tryStatement.Finally!.Block;
            var remaining = finallyBlock.Statements.Remove(commit);
            var updated = tryStatement.WithBlock(tryStatement.Block.AddStatements(moved));
            if (remaining.Count > 0)
            {
                return root.ReplaceNode(tryStatement, updated.WithFinally(updated.Finally!.WithBlock(finallyBlock.WithStatements(remaining))));
            }

            if (tryStatement.Catches.Count > 0)
            {
                // The finally held only the commit: drop it, and give its trailing line break to the last catch.
                var withoutFinally = updated.WithFinally(null);
                return root.ReplaceNode(tryStatement, withoutFinally.WithTrailingTrivia(tryStatement.GetTrailingTrivia()));
            }

            // try { … } finally { commit; } with nothing else: the try has no purpose left; its statements stand alone.
            if (!(tryStatement.Parent is BlockSyntax outer)
                || StatementFacts.DeclaredNames(tryStatement.Block.Statements).Overlaps(StatementFacts.DeclaredNames(outer.Statements.Where(s => s != tryStatement))))
            {
                return null;
            }

            var index = outer.Statements.IndexOf(tryStatement);
            var unwrapped = updated.Block.Statements.Select((s, i) => (i == 0 ? s.WithLeadingTrivia(LeadingTrivia.SplitAtFirstComment(tryStatement.GetLeadingTrivia()).Spacing.AddRange(LeadingTrivia.SplitAtFirstComment(s.GetLeadingTrivia()).Comments)) : s)
                .WithAdditionalAnnotations(Formatter.Annotation));
            var statements = outer.Statements.Take(index).Concat(unwrapped).Concat(outer.Statements.Skip(index + 1));
            return root.ReplaceNode(outer, outer.WithStatements(SyntaxFactory.List(statements)));
        }

        private static SyntaxNode? UpFromAfterTry(SyntaxNode root, BlockSyntax block, TryStatementSyntax tryStatement, StatementSyntax commit, StatementSyntax moved)
        {
            var statements = block.Statements;
            var tryIndex = statements.IndexOf(tryStatement);
            var commitIndex = statements.IndexOf(commit);
            if (commitIndex <= tryIndex || !StatementFacts.CanMoveAcross(commit, statements.Skip(tryIndex).Take(commitIndex - tryIndex).ToList()))
            {
                return null;
            }

            // The commit's own leading blank lines stay behind in the outer block.
            var indentedCommit = moved.WithLeadingTrivia(moved.GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia)));
            var updated = tryStatement.WithBlock(tryStatement.Block.AddStatements(indentedCommit));
            var reordered = statements.Take(tryIndex)
                .Append(updated)
                .Concat(statements.Skip(tryIndex + 1).Take(commitIndex - tryIndex - 1))
                .Concat(statements.Skip(commitIndex + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(reordered)));
        }
    }
}
