using System;
using System.Collections.Generic;

namespace RaceAnalyzers.Sql
{
    /// <summary>
    /// Reads the statement shapes the SQL rules need from tokens; not a parser. Tolerant by design: comments,
    /// quoting, case, line breaks, schema prefixes and dialect clauses are skipped over, and any text yields a
    /// statement (<see cref="SqlStatement.Unknown"/> at worst), never an exception.
    /// </summary>
    internal static class SqlClassifier
    {
        private static readonly string[] VersionColumns = { "version", "row_version", "rowversion", "xmin", "concurrency_stamp", "concurrencystamp", "etag", "timestamp", "updated_at", "modified_at" };

        public static SqlStatement Classify(string? sql)
        {
            var tokens = SqlTokenizer.Tokenize(sql);
            var start = SkipCommonTableExpressions(tokens);
            if (start >= tokens.Count)
            {
                return SqlStatement.Unknown;
            }

            var verb = tokens[start].Text.ToUpperInvariant();
            switch (verb)
            {
                case "SELECT":
                    return Select(tokens, start);
                case "UPDATE":
                    return Update(tokens, start);
                case "INSERT":
                case "REPLACE":
                case "UPSERT":
                    return Insert(tokens, start);
                case "DELETE":
                    return WithWhere(new SqlStatement(SqlStatementKind.Delete, TableAfter(tokens, IndexOfWord(tokens, "FROM", start))), tokens, start);
                case "MERGE":
                    return new SqlStatement(SqlStatementKind.Merge, TableAfter(tokens, IndexOfWord(tokens, "INTO", start) is var into && into >= 0 ? into : start));
                default:
                    return SqlStatement.Unknown;
            }
        }

        /// <summary>True when a column name marks optimistic concurrency (a version or rowversion column).</summary>
        public static bool IsVersionColumn(string column) => Array.IndexOf(VersionColumns, column) >= 0;

        private static SqlStatement Select(List<SqlToken> tokens, int start)
        {
            // SELECT EXISTS (SELECT 1 FROM t …) names its table only inside the parentheses.
            var from = IndexOfWordAtDepth0(tokens, "FROM", start + 1) is var outer && outer >= 0 ? outer : IndexOfWord(tokens, "FROM", start + 1);
            var statement = new SqlStatement(SqlStatementKind.Select, from < 0 ? string.Empty : TableAfter(tokens, from));
            var end = from < 0 ? tokens.Count : from;
            for (var i = start + 1; i < end; i++)
            {
                var token = tokens[i];
                if (token.Is("COUNT") || token.Is("EXISTS") || (i == start + 1 && token.Kind == SqlTokenKind.Number && token.Text == "1"))
                {
                    statement.IsExistenceCheck = true;
                }

                if (token.Kind == SqlTokenKind.Symbol && token.Text == "*" && Previous(tokens, i).Text != "(")
                {
                    statement.SelectedColumns.Add("*");
                }

                // A plain column: a name followed by ',', FROM, AS or an alias, not by '(' (a function).
                if ((token.Kind == SqlTokenKind.Word || token.Kind == SqlTokenKind.QuotedIdentifier) && !IsKeyword(token) && Next(tokens, i).Text != "(" && Next(tokens, i).Text != ".")
                {
                    statement.SelectedColumns.Add(token.Text.ToLowerInvariant());
                }
            }

            for (var i = start; i < tokens.Count; i++)
            {
                if ((tokens[i].Is("FOR") && (Next(tokens, i).Is("UPDATE") || Next(tokens, i).Is("NO")))
                    || tokens[i].Is("UPDLOCK") || tokens[i].Is("XLOCK") || tokens[i].Is("HOLDLOCK"))
                {
                    statement.LocksRows = true;
                }
            }

            return WithWhere(statement, tokens, start);
        }

        private static SqlStatement Update(List<SqlToken> tokens, int start)
        {
            var statement = new SqlStatement(SqlStatementKind.Update, TableAfter(tokens, start));
            var set = IndexOfWord(tokens, "SET", start);
            if (set < 0)
            {
                return statement;
            }

            var i = set + 1;
            while (i < tokens.Count && !tokens[i].Is("WHERE") && !tokens[i].Is("FROM") && !tokens[i].Is("RETURNING") && !tokens[i].Is("OUTPUT"))
            {
                var column = LastNamePart(tokens, ref i);
                if (column.Length == 0 || i >= tokens.Count || tokens[i].Text != "=")
                {
                    i++;
                    continue;
                }

                var valueStart = ++i;
                var depth = 0;
                while (i < tokens.Count && !(depth == 0 && (tokens[i].Text == "," || tokens[i].Is("WHERE") || tokens[i].Is("FROM") || tokens[i].Is("RETURNING") || tokens[i].Is("OUTPUT"))))
                {
                    depth += tokens[i].Text == "(" ? 1 : tokens[i].Text == ")" ? -1 : 0;
                    i++;
                }

                var length = i - valueStart;
                if (length == 1 && tokens[valueStart].Kind == SqlTokenKind.Parameter)
                {
                    statement.SetToParameter[column] = ParameterName(tokens[valueStart].Text);
                }

                for (var j = valueStart; j < i; j++)
                {
                    if ((tokens[j].Kind == SqlTokenKind.Word || tokens[j].Kind == SqlTokenKind.QuotedIdentifier) && tokens[j].Text.ToLowerInvariant() == column)
                    {
                        statement.SetRelative.Add(column);
                    }
                }

                if (i < tokens.Count && tokens[i].Text == ",")
                {
                    i++;
                }
            }

            return WithWhere(statement, tokens, start);
        }

        private static SqlStatement Insert(List<SqlToken> tokens, int start)
        {
            var into = IndexOfWord(tokens, "INTO", start);
            var tableAt = into >= 0 ? into : start;
            var statement = new SqlStatement(SqlStatementKind.Insert, TableAfter(tokens, tableAt));

            // The column list: the parenthesized names right after the table.
            var i = tableAt + 1;
            while (i < tokens.Count && (tokens[i].Kind == SqlTokenKind.Word || tokens[i].Kind == SqlTokenKind.QuotedIdentifier || tokens[i].Text == "."))
            {
                i++;
            }

            if (i < tokens.Count && tokens[i].Text == "(" && !Next(tokens, i).Is("SELECT"))
            {
                for (i++; i < tokens.Count && tokens[i].Text != ")"; i++)
                {
                    if (tokens[i].Kind == SqlTokenKind.Word || tokens[i].Kind == SqlTokenKind.QuotedIdentifier)
                    {
                        statement.InsertColumns.Add(tokens[i].Text.ToLowerInvariant());
                    }
                }
            }

            for (var j = start; j < tokens.Count; j++)
            {
                var conflictDoNothing = tokens[j].Is("CONFLICT") && IndexOfWord(tokens, "NOTHING", j) > j;
                var notExists = tokens[j].Is("NOT") && Next(tokens, j).Is("EXISTS");
                var ignore = j == start + 1 && tokens[j].Is("IGNORE");
                var sqliteOrIgnore = tokens[j].Is("OR") && Next(tokens, j).Is("IGNORE");
                if (conflictDoNothing || notExists || ignore || sqliteOrIgnore)
                {
                    statement.ClaimsAtomically = true;
                }
            }

            return statement;
        }

        private static SqlStatement WithWhere(SqlStatement statement, List<SqlToken> tokens, int start)
        {
            var where = IndexOfWordAtDepth0(tokens, "WHERE", start) is var outer && outer >= 0 ? outer : IndexOfWord(tokens, "WHERE", start);
            if (where < 0)
            {
                return statement;
            }

            for (var i = where + 1; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (token.Is("FOR") || token.Is("ORDER") || token.Is("GROUP") || token.Is("LIMIT") || token.Is("RETURNING"))
                {
                    break;
                }

                if ((token.Kind == SqlTokenKind.Word || token.Kind == SqlTokenKind.QuotedIdentifier) && !IsKeyword(token) && Next(tokens, i).Text != "(" && Next(tokens, i).Text != ".")
                {
                    var column = token.Text.ToLowerInvariant();
                    statement.WhereColumns.Add(column);
                    if (Next(tokens, i).Text == "=" && i + 2 < tokens.Count && tokens[i + 2].Kind == SqlTokenKind.Parameter)
                    {
                        statement.WhereEqualsParameter[column] = ParameterName(tokens[i + 2].Text);
                    }
                }
            }

            return statement;
        }

        /// <summary>Skips <c>WITH name AS (…), …</c> to the statement's verb.</summary>
        private static int SkipCommonTableExpressions(List<SqlToken> tokens)
        {
            if (tokens.Count == 0 || !tokens[0].Is("WITH"))
            {
                return 0;
            }

            var depth = 0;
            for (var i = 1; i < tokens.Count; i++)
            {
                depth += tokens[i].Text == "(" ? 1 : tokens[i].Text == ")" ? -1 : 0;
                if (depth == 0 && tokens[i].Kind == SqlTokenKind.Word
                    && (tokens[i].Is("SELECT") || tokens[i].Is("INSERT") || tokens[i].Is("UPDATE") || tokens[i].Is("DELETE") || tokens[i].Is("MERGE")))
                {
                    return i;
                }
            }

            return tokens.Count;
        }

        /// <summary>The table named after the token at <paramref name="index"/>: schema prefixes dropped, quotes removed.</summary>
        private static string TableAfter(List<SqlToken> tokens, int index)
        {
            var i = index + 1;
            while (i < tokens.Count && (tokens[i].Is("ONLY") || tokens[i].Is("TOP") || tokens[i].Is("INTO")))
            {
                i++;
            }

            var name = LastNamePart(tokens, ref i);
            return name;
        }

        /// <summary>Reads <c>a.b.c</c> starting at <paramref name="i"/> and returns <c>c</c>, lower-cased.</summary>
        private static string LastNamePart(List<SqlToken> tokens, ref int i)
        {
            var name = string.Empty;
            while (i < tokens.Count && (tokens[i].Kind == SqlTokenKind.Word || tokens[i].Kind == SqlTokenKind.QuotedIdentifier))
            {
                name = tokens[i].Text.ToLowerInvariant();
                i++;
                if (i < tokens.Count && tokens[i].Text == "." )
                {
                    i++;
                    continue;
                }

                break;
            }

            return name;
        }

        private static int IndexOfWord(List<SqlToken> tokens, string word, int from)
        {
            for (var i = Math.Max(from, 0); i < tokens.Count; i++)
            {
                if (tokens[i].Is(word))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int IndexOfWordAtDepth0(List<SqlToken> tokens, string word, int from)
        {
            var depth = 0;
            for (var i = Math.Max(from, 0); i < tokens.Count; i++)
            {
                depth += tokens[i].Text == "(" ? 1 : tokens[i].Text == ")" ? -1 : 0;
                if (depth == 0 && tokens[i].Is(word))
                {
                    return i;
                }
            }

            return -1;
        }

        private static SqlToken Next(List<SqlToken> tokens, int i) => i + 1 < tokens.Count ? tokens[i + 1] : default(SqlToken).WithText();

        private static SqlToken Previous(List<SqlToken> tokens, int i) => i > 0 ? tokens[i - 1] : default(SqlToken).WithText();

        private static string ParameterName(string parameter) => parameter.TrimStart('@', ':', '$').ToLowerInvariant();

        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "AS", "DISTINCT", "TOP", "IN", "IS", "NULL", "LIKE", "BETWEEN",
            "EXISTS", "FOR", "UPDATE", "NO", "KEY", "SHARE", "WITH", "NOLOCK", "UPDLOCK", "ROWLOCK", "XLOCK", "HOLDLOCK",
            "LIMIT", "OFFSET", "ORDER", "BY", "GROUP", "HAVING", "ASC", "DESC", "JOIN", "ON", "LEFT", "RIGHT", "INNER",
            "OUTER", "CASE", "WHEN", "THEN", "ELSE", "END", "TRUE", "FALSE", "ALL", "ANY", "NOWAIT", "SKIP", "LOCKED", "OF", "RETURNING",
        };

        private static bool IsKeyword(SqlToken token) => token.Kind == SqlTokenKind.Word && Keywords.Contains(token.Text);
    }
}
