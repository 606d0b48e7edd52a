using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>
    /// How code is quoted in diagnostic messages: one line, whitespace runs (line breaks and indentation inside SQL
    /// text too) as one space, at most 60 characters, cut where two tokens meet; with 1-based line numbers.
    /// </summary>
    internal static class Text
    {
        private const int MaxLength = 60;

        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

        public static string Short(SyntaxNode node)
        {
            var text = Whitespace.Replace(node.ToString().Trim(), " ").TrimEnd(';');
            return text.Length <= MaxLength ? text : text.Substring(0, CutAt(text)).TrimEnd() + "…";
        }

        public static string Line(SyntaxNode node)
            => (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// The last token boundary that fits, keeping at least the characters a baseline fingerprint reads from a quote
        /// (so baselines written before stay valid); failing that, any boundary in the second half; else the limit.
        /// </summary>
        private static int CutAt(string text)
        {
            var limit = MaxLength - 1;
            var kept = 0;
            var fingerprinted = limit;
            for (var i = 0; i < limit; i++)
            {
                kept += char.IsWhiteSpace(text[i]) ? 0 : 1;
                if (kept == Baseline.Fingerprint.OperationLength)
                {
                    fingerprinted = i + 1;
                    break;
                }
            }

            for (var floor = fingerprinted; ; floor = limit / 2)
            {
                for (var i = limit; i >= floor && i > 0; i--)
                {
                    if (IsBoundary(text, i))
                    {
                        return i;
                    }
                }

                if (floor == limit / 2)
                {
                    return limit;
                }
            }
        }

        /// <summary>Position <paramref name="i"/> starts a new token: a space, or a change between a word and punctuation.</summary>
        private static bool IsBoundary(string text, int i)
            => char.IsWhiteSpace(text[i]) || char.IsWhiteSpace(text[i - 1]) || IsWordCharacter(text[i - 1]) != IsWordCharacter(text[i]);

        private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '@' || c == '$';
    }
}
