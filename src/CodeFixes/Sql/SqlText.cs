using System.Text.RegularExpressions;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>Edits on the text of a C# string literal holding one SQL statement, quotes and layout kept.</summary>
    internal static class SqlText
    {
        /// <summary>Where the statement ends inside the literal: before a trailing semicolon, whitespace and the closing quotes.</summary>
        private static readonly Regex TrailingEnd = new Regex(@"(?<end>\s*;?\s*)(?<close>""+)$", RegexOptions.CultureInvariant);

        private static readonly Regex Returning = new Regex(@"\s+RETURNING\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Where = new Regex(@"\bWHERE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Or = new Regex(@"\bOR\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary><paramref name="clause"/> appended to the statement, before its semicolon and closing quotes; null when the literal has no end.</summary>
        public static string? Append(string literalText, string clause)
        {
            var end = TrailingEnd.Match(literalText);
            return end.Success ? literalText.Substring(0, end.Index) + " " + clause + literalText.Substring(end.Index) : null;
        }

        /// <summary>
        /// <paramref name="condition"/> added to the statement's WHERE with AND (or as its WHERE), before any
        /// RETURNING. Null when the WHERE has a top-level OR the condition would bind into.
        /// </summary>
        public static string? WithCondition(string literalText, string condition)
        {
            var end = TrailingEnd.Match(literalText);
            if (!end.Success)
            {
                return null;
            }

            var body = literalText.Substring(0, end.Index);
            var returning = Returning.Match(body);
            var insertAt = returning.Success ? returning.Index : body.Length;
            var where = Where.Match(body, 0, insertAt);
            if (where.Success && Or.IsMatch(body.Substring(where.Index, insertAt - where.Index)))
            {
                return null;
            }

            return body.Insert(insertAt, (where.Success ? " AND " : " WHERE ") + condition) + literalText.Substring(end.Index);
        }
    }
}
