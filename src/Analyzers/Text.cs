using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>How code is quoted in diagnostic messages: one line, at most 60 characters, with 1-based line numbers.</summary>
    internal static class Text
    {
        private const int MaxLength = 60;

        public static string Short(SyntaxNode node)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(node.ToString().Trim(), @"\s+", " ").TrimEnd(';');
            return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 1) + "…";
        }

        public static string Line(SyntaxNode node)
            => (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
