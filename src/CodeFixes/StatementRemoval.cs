using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Removes a statement and keeps the block's layout: a blank line before it stays (on the statement that
    /// follows), and the statement that becomes first in its block starts without one.
    /// </summary>
    internal static class StatementRemoval
    {
        /// <param name="keepComments">The statement's own leading comments go to the statement that follows, which now does its work.</param>
        public static SyntaxNode Remove(SyntaxNode root, StatementSyntax statement, bool keepComments = false)
        {
            if (!(statement.Parent is BlockSyntax block))
            {
                return root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia) ?? root;
            }

            var statements = block.Statements;
            var index = statements.IndexOf(statement);
            var next = index + 1 < statements.Count ? statements[index + 1] : null;
            StatementSyntax? newNext = null;
            if (next != null)
            {
                var leading = next.GetLeadingTrivia();
                if (index == 0)
                {
                    newNext = next.WithLeadingTrivia(WithoutBlankLines(leading));
                }
                else if (StartsWithBlankLine(statement.GetLeadingTrivia()) && !StartsWithBlankLine(leading))
                {
                    newNext = next.WithLeadingTrivia(leading.Insert(0, LineBreakOf(block)));
                }
            }

            var (_, comments) = LeadingTrivia.SplitAtFirstComment(statement.GetLeadingTrivia());
            if (keepComments && comments.Count > 0 && next != null)
            {
                var (spacing, nextComments) = LeadingTrivia.SplitAtFirstComment((newNext ?? next).GetLeadingTrivia());
                newNext = (newNext ?? next).WithLeadingTrivia(spacing.AddRange(comments).AddRange(nextComments));
            }

            var kept = statements.Where(s => s != statement).Select(s => s == next && newNext != null ? newNext : s);
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(kept)));
        }

        private static bool StartsWithBlankLine(SyntaxTriviaList trivia)
            => trivia.SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia);

        private static SyntaxTriviaList WithoutBlankLines(SyntaxTriviaList trivia)
        {
            var (spacing, comments) = LeadingTrivia.SplitAtFirstComment(trivia);
            return LeadingTrivia.LastLineIndentation(spacing).AddRange(comments);
        }

        /// <summary>The file's own line break, so that CRLF files stay CRLF.</summary>
        private static SyntaxTrivia LineBreakOf(SyntaxNode node)
            => node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found ? found : SyntaxFactory.LineFeed;
    }
}
