using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Flow
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
            if (keys.Count != 1 || !(insert.SqlOperand is ILiteralOperation literal) || !SupportsOnConflict(insert))
            {
                return null;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.ClaimInsertFix)
                .Add(FixProperties.Column, keys[0])
                .Add(FixProperties.CheckStart, check.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.SqlLiteralStart, literal.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        private static bool SupportsOnConflict(SqlExecution insert)
        {
            var connection = OperationFacts.SkipConversions(insert.Call.Instance ?? (insert.Call.Arguments.Length > 0 ? insert.Call.Arguments[0].Value : null));
            var ns = connection?.Type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns.StartsWith("Npgsql", StringComparison.Ordinal) || ns == "Microsoft.Data.Sqlite" || ns == "System.Data.SQLite";
        }
    }
}
