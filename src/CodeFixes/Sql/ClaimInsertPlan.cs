using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE005's "Claim with ON CONFLICT DO NOTHING" (PostgreSQL, SQLite): the insert's SQL literal and the key
    /// column evident from the check. Null when either is missing or the dialect has no ON CONFLICT.
    /// </summary>
    internal static class ClaimInsertPlan
    {
        public static (string Key, LiteralExpressionSyntax Sql)? For(SqlFinding finding)
        {
            var (insert, check) = (finding.Write, finding.Read);
            var keys = check.Statement.WhereEqualsParameter.Keys.Where(k => insert.Statement.InsertColumns.Count == 0 || insert.Statement.InsertColumns.Contains(k)).ToList();
            if (keys.Count != 1 || !(RewritableSql.Of(insert.SqlOperand) is { } literal) || !SqlDialect.SupportsOnConflict(SqlDialect.Of(insert)))
            {
                return null;
            }

            return (keys[0], literal);
        }
    }
}
