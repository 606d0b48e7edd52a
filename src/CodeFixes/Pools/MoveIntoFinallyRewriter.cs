using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace RaceAnalyzers.CodeFixes.Pools
{
    /// <summary>
    /// The syntax moves behind <see cref="MoveIntoFinallyFixer"/>. Each returns null unless the move is
    /// provably safe: the statements involved sit directly in blocks, the release is unconditional, and no
    /// local declared in the moved range is needed after it.
    /// </summary>
    internal static class MoveIntoFinallyRewriter
    {
        /// <summary>
        /// Removes the release (and copies of it in catch blocks) and releases in a finally covering everything
        /// from the acquisition to <paramref name="lastUseEnd"/>. An existing try right after the acquisition
        /// gets the finally (or its finally gets the release) instead of a new nested try.
        /// </summary>
        public static SyntaxNode? ReleaseInFinally(SyntaxNode root, SyntaxNode flagged, SyntaxNode acquireCall, int lastUseEnd)
        {
            var release = StatementFacts.StatementOf(flagged);
            var acquire = StatementFacts.StatementOf(acquireCall);
            if (release == null || acquire == null || !(acquire.Parent is BlockSyntax block) || release.SpanStart <= acquire.Span.End
                || !block.Span.Contains(release.Span) || !IsUnconditionalWithin(release, block))
            {
                return null;
            }

            var statements = block.Statements;
            var first = statements.IndexOf(acquire) + 1;
            var last = IndexContaining(statements, release.SpanStart);
            if (lastUseEnd > 0)
            {
                last = System.Math.Max(last, IndexContaining(statements, lastUseEnd - 1));
            }

            if (first > last || last < 0)
            {
                return null;
            }

            if (last == first && statements[first] is TryStatementSyntax existingTry && existingTry.Block.Span.Contains(release.Span))
            {
                return AddToExistingTry(root, existingTry, release);
            }

            return WrapInNewTry(root, block, first, last, release);
        }

        /// <summary>Moves a lock acquisition that is a whole statement of a try body to just before that try.</summary>
        public static SyntaxNode? AcquireBeforeTry(SyntaxNode root, SyntaxNode flagged)
        {
            var acquire = StatementFacts.StatementOf(flagged);
            if (!(acquire?.Parent is BlockSyntax body) || !(body.Parent is TryStatementSyntax tryStatement) || !(tryStatement.Parent is BlockSyntax outer))
            {
                return null;
            }

            // Statements before the acquisition inside the try must not declare what it uses.
            var before = body.Statements.TakeWhile(s => s != acquire).ToList();
            if (StatementFacts.DeclaredNames(before).Overlaps(StatementFacts.IdentifiersIn(acquire)))
            {
                return null;
            }

            var newTry = tryStatement.WithBlock(body.WithStatements(body.Statements.Remove(acquire)))
                .WithLeadingTrivia(Indentation(tryStatement.GetLeadingTrivia()));
            var comments = LeadingTrivia.SplitAtFirstComment(acquire.GetLeadingTrivia()).Comments;
            var moved = acquire.WithLeadingTrivia(tryStatement.GetLeadingTrivia().AddRange(comments)).WithAdditionalAnnotations(Formatter.Annotation);
            var index = outer.Statements.IndexOf(tryStatement);
            var newStatements = outer.Statements.RemoveAt(index).InsertRange(index, new StatementSyntax[] { moved, newTry });
            return root.ReplaceNode(outer, outer.WithStatements(newStatements));
        }

        /// <summary>
        /// Moves the statements between the acquisition and the try whose finally releases to the start of that try, so an
        /// early exit among them (a cache hit) leaves through the finally. Not with catches: they would start catching
        /// what those statements throw.
        /// </summary>
        public static SyntaxNode? TryFromAcquire(SyntaxNode root, SyntaxNode acquireCall, SyntaxNode releaseCall)
        {
            var acquire = StatementFacts.StatementOf(acquireCall);
            if (!(acquire?.Parent is BlockSyntax block))
            {
                return null;
            }

            var tryStatement = releaseCall.Ancestors().OfType<FinallyClauseSyntax>().FirstOrDefault()?.Parent as TryStatementSyntax;
            var statements = block.Statements;
            var first = statements.IndexOf(acquire) + 1;
            var tryIndex = tryStatement == null ? -1 : statements.IndexOf(tryStatement);
            if (tryStatement == null || tryIndex <= first || tryStatement.Catches.Count > 0)
            {
                return null;
            }

            var range = statements.Skip(first).Take(tryIndex - first).ToList();
            var declared = StatementFacts.DeclaredNames(range);
            if (range.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any())
                || statements.Skip(tryIndex + 1).Any(s => declared.Overlaps(StatementFacts.IdentifiersIn(s))))
            {
                return null;
            }

            // The try takes the place of the first moved statement; each statement keeps its comments, and the blank
            // lines that stood before the try now separate the moved statements from the try's own.
            var (rangeSpacing, rangeComments) = LeadingTrivia.SplitAtFirstComment(range[0].GetLeadingTrivia());
            var (trySpacing, tryComments) = LeadingTrivia.SplitAtFirstComment(tryStatement.GetLeadingTrivia());
            var body = tryStatement.Block.Statements;
            var moved = range.Select((s, i) => i == 0 ? s.WithLeadingTrivia(rangeComments.Count > 0 ? rangeComments : LeadingTrivia.LastLineIndentation(rangeSpacing)) : s);
            var kept = body.Select((s, i) => i == 0 ? s.WithLeadingTrivia(BlankLines(trySpacing).AddRange(s.GetLeadingTrivia())) : s);
            var newTry = tryStatement
                .WithBlock(tryStatement.Block.WithStatements(SyntaxFactory.List(moved.Concat(kept))))
                .WithLeadingTrivia(rangeSpacing.AddRange(tryComments))
                .WithAdditionalAnnotations(Formatter.Annotation);

            var newStatements = statements.Take(first).Append(newTry).Concat(statements.Skip(tryIndex + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(newStatements)));
        }

        private static SyntaxTriviaList BlankLines(SyntaxTriviaList spacing)
            => SyntaxFactory.TriviaList(spacing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));

        private static SyntaxNode? AddToExistingTry(SyntaxNode root, TryStatementSyntax tryStatement, StatementSyntax release)
        {
            var copies = CopiesOf(release, tryStatement, includeFinally: false);
            if (copies == null)
            {
                return null;
            }

            var withoutRelease = tryStatement.RemoveNodes(copies, SyntaxRemoveOptions.KeepNoTrivia)!;
            var moved = Detached(release);
            TryStatementSyntax updated;
            if (withoutRelease.Finally != null)
            {
                var finallyBlock = withoutRelease.Finally.Block;
                updated = withoutRelease.WithFinally(withoutRelease.Finally.WithBlock(
                    finallyBlock.WithStatements(finallyBlock.Statements.Add(moved.WithAdditionalAnnotations(Formatter.Annotation)))));
            }
            else
            {
                updated = withoutRelease.WithFinally(SyntaxFactory.FinallyClause(SyntaxFactory.Block(moved)).WithAdditionalAnnotations(Formatter.Annotation))
                    .WithTrailingTrivia(tryStatement.GetTrailingTrivia());
            }

            return root.ReplaceNode(tryStatement, updated);
        }

        private static SyntaxNode? WrapInNewTry(SyntaxNode root, BlockSyntax block, int first, int last, StatementSyntax release)
        {
            var statements = block.Statements;

            // A local declared in the range and read after it must stay in scope: grow the range over its uses.
            for (var grown = true; grown;)
            {
                grown = false;
                var declared = StatementFacts.DeclaredNames(statements.Skip(first).Take(last - first + 1));
                for (var i = statements.Count - 1; i > last; i--)
                {
                    if (declared.Overlaps(StatementFacts.IdentifiersIn(statements[i])))
                    {
                        last = i;
                        grown = true;
                        break;
                    }
                }
            }

            var range = statements.Skip(first).Take(last - first + 1).ToList();
            if (range.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
            {
                return null;
            }

            var rangeBlock = SyntaxFactory.Block(range);
            var copies = CopiesOf(release, rangeBlock, includeFinally: false);
            if (copies == null)
            {
                return null;
            }

            var body = rangeBlock.RemoveNodes(copies, SyntaxRemoveOptions.KeepNoTrivia)!;

            // Blank lines before the range stay before the try; comments stay with the first statement inside it.
            var leading = range[0].GetLeadingTrivia();
            var firstComment = leading.IndexOf(SyntaxKind.SingleLineCommentTrivia) is var single && single >= 0 ? single : leading.IndexOf(SyntaxKind.MultiLineCommentTrivia);
            var beforeTry = firstComment < 0 ? leading : SyntaxFactory.TriviaList(leading.Take(firstComment));
            var newTry = SyntaxFactory.TryStatement(
                    body.WithStatements(SyntaxFactory.List(body.Statements.Select((s, i) => i == 0 ? s.WithLeadingTrivia(KeepComments(s.GetLeadingTrivia())) : s))),
                    default,
                    SyntaxFactory.FinallyClause(SyntaxFactory.Block(Detached(release))))
                .WithLeadingTrivia(beforeTry)
                .WithTrailingTrivia(LineBreakOf(release))
                .WithAdditionalAnnotations(Formatter.Annotation);

            var newStatements = statements.Take(first).Append(newTry).Concat(statements.Skip(last + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(newStatements)));
        }

        /// <summary>The release and every equal statement (catch blocks often release too); null if one can't be removed cleanly.</summary>
        private static List<StatementSyntax>? CopiesOf(StatementSyntax release, SyntaxNode scope, bool includeFinally)
        {
            var copies = new List<StatementSyntax>();
            foreach (var candidate in scope.DescendantNodes().OfType<ExpressionStatementSyntax>())
            {
                if (!candidate.IsEquivalentTo(release, topLevel: false) && candidate.ToString() != release.ToString())
                {
                    continue;
                }

                if (!includeFinally && candidate.Ancestors().OfType<FinallyClauseSyntax>().Any(f => scope.Span.Contains(f.Span)))
                {
                    continue;
                }

                if (!(candidate.Parent is BlockSyntax))
                {
                    return null;
                }

                copies.Add(candidate);
            }

            return copies.Count == 0 ? null : copies;
        }

        /// <summary>The release as it will stand in the finally: its comments kept, its indentation left to the formatter.</summary>
        private static StatementSyntax Detached(StatementSyntax release)
            => release.WithLeadingTrivia(KeepComments(release.GetLeadingTrivia()));

        /// <summary>The document's own line break, taken from the end of the release statement.</summary>
        private static SyntaxTriviaList LineBreakOf(StatementSyntax statement)
        {
            var lineBreak = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return SyntaxFactory.TriviaList(lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? lineBreak : SyntaxFactory.ElasticCarriageReturnLineFeed);
        }

        private static SyntaxTriviaList KeepComments(SyntaxTriviaList trivia)
        {
            var kept = trivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
            if (kept.Count == 0)
            {
                return SyntaxFactory.TriviaList(SyntaxFactory.ElasticMarker);
            }

            var list = new List<SyntaxTrivia>();
            foreach (var comment in kept)
            {
                list.Add(comment);
                if (comment.IsKind(SyntaxKind.SingleLineCommentTrivia) || comment.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    var lineBreak = trivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    list.Add(lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? lineBreak : SyntaxFactory.ElasticCarriageReturnLineFeed);
                }
            }

            return SyntaxFactory.TriviaList(list);
        }

        private static SyntaxTriviaList Indentation(SyntaxTriviaList trivia)
            => SyntaxFactory.TriviaList(trivia.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());

        /// <summary>True when only blocks and try bodies lie between <paramref name="statement"/> and <paramref name="block"/>.</summary>
        private static bool IsUnconditionalWithin(StatementSyntax statement, BlockSyntax block)
        {
            for (var current = statement.Parent; current != null && current != block; current = current.Parent)
            {
                var allowed = current is BlockSyntax inner && (inner.Parent is TryStatementSyntax || inner.Parent is BlockSyntax)
                    || current is TryStatementSyntax;
                if (!allowed)
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexContaining(SyntaxList<StatementSyntax> statements, int position)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].FullSpan.Contains(position))
                {
                    return i;
                }
            }

            return -1;
        }

    }
}
