using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// RACE005's "Claim with ON CONFLICT DO NOTHING" (PostgreSQL, SQLite): what the fixer needs — the check, the
    /// insert's SQL literal, the key column evident from the check. Null when any of it is missing.
    /// </summary>
    internal static class ClaimInsertPlan
    {
        public static ImmutableDictionary<string, string?>? For(SqlExecution insert, SqlExecution check)
        {
            var keys = check.Statement.WhereEqualsParameter.Keys.Where(k => insert.Statement.InsertColumns.Count == 0 || insert.Statement.InsertColumns.Contains(k)).ToList();
            if (keys.Count != 1 || !(RewritableSql.Of(insert.SqlOperand) is { } literal) || !SqlDialect.SupportsOnConflict(SqlDialect.Of(insert)))
            {
                return null;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.ClaimInsertFix)
                .Add(FixProperties.Column, keys[0])
                .Add(FixProperties.CheckStart, check.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.SqlLiteralStart, literal.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

    }
}
