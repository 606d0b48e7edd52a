using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// How moved statements keep the layout: blank lines and indentation belong to the place in the block,
    /// comments belong to the statement they describe.
    /// </summary>
    internal static class LeadingTrivia
    {
        /// <summary>Leading trivia split into what comes before the first comment (blank lines, indentation) and the rest.</summary>
        public static (SyntaxTriviaList Spacing, SyntaxTriviaList Comments) SplitAtFirstComment(SyntaxTriviaList trivia)
        {
            var first = trivia.IndexOf(SyntaxKind.SingleLineCommentTrivia);
            var multi = trivia.IndexOf(SyntaxKind.MultiLineCommentTrivia);
            if (first < 0 || (multi >= 0 && multi < first))
            {
                first = multi;
            }

            return first < 0
                ? (trivia, SyntaxFactory.TriviaList())
                : (SyntaxFactory.TriviaList(trivia.Take(first)), SyntaxFactory.TriviaList(trivia.Skip(first)));
        }

        /// <summary>The whitespace after the last line break: the indentation of the statement's own line.</summary>
        public static SyntaxTriviaList LastLineIndentation(SyntaxTriviaList spacing)
            => SyntaxFactory.TriviaList(spacing.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());

        /// <summary>
        /// <paramref name="arriving"/> takes the place of <paramref name="leaving"/>: the place's blank lines go to the
        /// statement now there, each statement keeps its comments, and the one that left keeps only its indentation.
        /// </summary>
        public static (T Arriving, U Leaving) SwapPlaces<T, U>(T arriving, U leaving)
            where T : SyntaxNode
            where U : SyntaxNode
        {
            var (placeSpacing, leavingComments) = SplitAtFirstComment(leaving.GetLeadingTrivia());
            var (arrivingSpacing, arrivingComments) = SplitAtFirstComment(arriving.GetLeadingTrivia());
            return (arriving.WithLeadingTrivia(placeSpacing.AddRange(arrivingComments)),
                    leaving.WithLeadingTrivia(LastLineIndentation(arrivingSpacing.Count > 0 ? arrivingSpacing : placeSpacing).AddRange(leavingComments)));
        }
    }
}
