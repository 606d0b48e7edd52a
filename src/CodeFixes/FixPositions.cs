using System.Globalization;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>Reads the positions analyzers leave in <see cref="Diagnostic.Properties"/> back as syntax nodes.</summary>
    internal static class FixPositions
    {
        /// <summary>
        /// The node at the position stored under <paramref name="key"/>: the node starting there, or with
        /// <paramref name="fromEnd"/> the node ending there. Null when absent or outside the tree.
        /// </summary>
        public static SyntaxNode? NodeAt(SyntaxNode root, Diagnostic diagnostic, string key, bool fromEnd)
        {
            if (!diagnostic.Properties.TryGetValue(key, out var text)
                || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position))
            {
                return null;
            }

            position = fromEnd ? position - 1 : position;
            return position >= 0 && position < root.FullSpan.End ? root.FindToken(position).Parent : null;
        }
    }
}
