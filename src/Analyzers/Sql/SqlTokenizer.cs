using System.Collections.Generic;

namespace RaceAnalyzers.Sql
{
    internal enum SqlTokenKind
    {
        Word,
        QuotedIdentifier,
        StringLiteral,
        Number,
        Parameter,
        Symbol,
        Hole,
    }

    internal readonly struct SqlToken
    {
        public SqlToken(SqlTokenKind kind, string text)
        {
            Kind = kind;
            _text = text;
        }

        public SqlTokenKind Kind { get; }
        public string Text => _text ?? string.Empty;

        private readonly string? _text;

        /// <summary>A default token made safe to read: empty text, symbol kind.</summary>
        public SqlToken WithText() => new SqlToken(SqlTokenKind.Symbol, string.Empty);

        public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, System.StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Text;
    }

    /// <summary>
    /// Splits SQL text into words, quoted identifiers, literals, parameters and symbols, dropping whitespace and
    /// comments. Tolerant by design: any string in, tokens out, never an exception, always in linear time.
    /// Dialects covered: ANSI, PostgreSQL (<c>$1</c>, <c>$$…$$</c>, <c>E'…'</c>, nested block comments),
    /// SQL Server (<c>[name]</c>, <c>@p</c>), MySQL (<c>`name`</c>), SQLite (<c>?</c>, <c>:p</c>).
    /// </summary>
    internal static class SqlTokenizer
    {
        public static List<SqlToken> Tokenize(string? text) => new List<SqlToken>(Tokens(text));

        /// <summary>The tokens one at a time, for a reader that stops early (<see cref="FirstKeyword"/>).</summary>
        private static IEnumerable<SqlToken> Tokens(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                yield break;
            }

            var s = text!;
            var i = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '-' && Next(s, i) == '-')
                {
                    i = EndOfLine(s, i);
                }
                else if (c == '/' && Next(s, i) == '*')
                {
                    i = EndOfBlockComment(s, i);
                }
                else if (c == '\'' || ((c == 'E' || c == 'e' || c == 'N' || c == 'n') && Next(s, i) == '\''))
                {
                    var start = i;
                    i = EndOfQuoted(s, c == '\'' ? i : i + 1, '\'');
                    yield return new SqlToken(SqlTokenKind.StringLiteral, s.Substring(start, i - start));
                }
                else if (c == '"' || c == '`')
                {
                    var start = i;
                    i = EndOfQuoted(s, i, c);
                    yield return new SqlToken(SqlTokenKind.QuotedIdentifier, Unquote(s.Substring(start, i - start)));
                }
                else if (c == '[')
                {
                    var start = i;
                    i = EndOfQuoted(s, i, ']');
                    yield return new SqlToken(SqlTokenKind.QuotedIdentifier, Unquote(s.Substring(start, i - start)));
                }
                else if (c == '$' && DollarTagEnd(s, i) is int tagEnd)
                {
                    var start = i;
                    var tag = s.Substring(i, tagEnd - i + 1);
                    var close = s.IndexOf(tag, tagEnd + 1, System.StringComparison.Ordinal);
                    i = close < 0 ? s.Length : close + tag.Length;
                    yield return new SqlToken(SqlTokenKind.StringLiteral, s.Substring(start, i - start));
                }
                else if ((c == '@' || c == ':' || c == '$') && i + 1 < s.Length && IsWordChar(s[i + 1]) && !(c == ':' && i > 0 && s[i - 1] == ':'))
                {
                    var start = i;
                    i++;
                    while (i < s.Length && IsWordChar(s[i]))
                    {
                        i++;
                    }

                    yield return new SqlToken(SqlTokenKind.Parameter, s.Substring(start, i - start));
                }
                else if (c == '?')
                {
                    yield return new SqlToken(SqlTokenKind.Parameter, "?");
                    i++;
                }
                else if (char.IsDigit(c))
                {
                    var start = i;
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '.'))
                    {
                        i++;
                    }

                    yield return new SqlToken(SqlTokenKind.Number, s.Substring(start, i - start));
                }
                else if (IsWordChar(c))
                {
                    var start = i;
                    while (i < s.Length && (IsWordChar(s[i]) || s[i] == '$'))
                    {
                        i++;
                    }

                    yield return new SqlToken(SqlTokenKind.Word, s.Substring(start, i - start));
                }
                else if (c == ConstantText.Hole[0])
                {
                    yield return new SqlToken(SqlTokenKind.Hole, ConstantText.Hole);
                    i++;
                }
                else
                {
                    yield return new SqlToken(SqlTokenKind.Symbol, c.ToString());
                    i++;
                }
            }
        }

        /// <summary>The first keyword of the statement (<c>SELECT</c>, <c>LISTEN</c>, …), upper-cased, or empty.</summary>
        public static string FirstKeyword(string? text)
        {
            foreach (var token in Tokens(text))
            {
                if (token.Kind == SqlTokenKind.Word)
                {
                    return token.Text.ToUpperInvariant();
                }

                if (token.Kind != SqlTokenKind.Symbol || token.Text != "(")
                {
                    return string.Empty;
                }
            }

            return string.Empty;
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '#';

        private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

        private static int EndOfLine(string s, int i)
        {
            var end = s.IndexOf('\n', i);
            return end < 0 ? s.Length : end + 1;
        }

        private static int EndOfBlockComment(string s, int i)
        {
            // PostgreSQL nests block comments; other dialects never write '/*' inside one, so nesting is harmless.
            var depth = 0;
            while (i < s.Length)
            {
                if (s[i] == '/' && Next(s, i) == '*')
                {
                    depth++;
                    i += 2;
                }
                else if (s[i] == '*' && Next(s, i) == '/')
                {
                    depth--;
                    i += 2;
                    if (depth == 0)
                    {
                        return i;
                    }
                }
                else
                {
                    i++;
                }
            }

            return s.Length;
        }

        /// <summary>Index just past a quoted run starting at <paramref name="i"/>; a doubled closing quote is an escape.</summary>
        private static int EndOfQuoted(string s, int i, char close)
        {
            i++;
            while (i < s.Length)
            {
                if (s[i] == close)
                {
                    if (Next(s, i) == close)
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                if (s[i] == '\\' && close == '\'' && i + 1 < s.Length)
                {
                    i += 2;
                    continue;
                }

                i++;
            }

            return s.Length;
        }

        /// <summary>For PostgreSQL dollar quoting (<c>$$</c> or <c>$tag$</c>): the index of the tag's closing '$'.</summary>
        private static int? DollarTagEnd(string s, int i)
        {
            for (var j = i + 1; j < s.Length; j++)
            {
                if (s[j] == '$')
                {
                    return j;
                }

                if (!(char.IsLetter(s[j]) || s[j] == '_') || (j == i + 1 && char.IsDigit(s[j])))
                {
                    return null;
                }
            }

            return null;
        }

        private static string Unquote(string quoted)
            => quoted.Length >= 2 ? quoted.Substring(1, quoted.Length - 2) : quoted;
    }
}
