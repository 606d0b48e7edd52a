using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Sql
{
    /// <summary>
    /// Which database a statement runs on, read from the connection or command type, and what each dialect can
    /// say: the one place that knows how dialects differ (row locks, claiming inserts).
    /// </summary>
    internal static class SqlDialect
    {
        public const string PostgreSql = "postgres";
        public const string MySql = "mysql";
        public const string SqlServer = "sqlserver";
        public const string Sqlite = "sqlite";

        /// <summary>The dialect of the connection or command <paramref name="execution"/> runs on, or null when unknown.</summary>
        public static string? Of(SqlExecution execution)
        {
            var call = execution.Call;
            var connection = OperationValues.SkipConversions(call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null));
            var ns = connection?.Type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("Npgsql", StringComparison.Ordinal))
            {
                return PostgreSql;
            }

            if (ns.StartsWith("MySql", StringComparison.Ordinal))
            {
                return MySql;
            }

            if (ns == "Microsoft.Data.SqlClient" || ns == "System.Data.SqlClient")
            {
                return SqlServer;
            }

            return ns == "Microsoft.Data.Sqlite" || ns == "System.Data.SQLite" ? Sqlite : null;
        }

        /// <summary>Dialects with <c>INSERT … ON CONFLICT (key) DO NOTHING</c>.</summary>
        public static bool SupportsOnConflict(string? dialect) => dialect == PostgreSql || dialect == Sqlite;

        /// <summary>Dialects that can lock a selected row (<c>FOR UPDATE</c>, or SQL Server's table hint).</summary>
        public static bool SupportsRowLock(string? dialect) => dialect == PostgreSql || dialect == MySql || dialect == SqlServer;

        /// <summary>True when the row lock is a table hint after the table name (<c>WITH (UPDLOCK, ROWLOCK)</c>) rather than a trailing clause.</summary>
        public static bool LocksWithTableHint(string dialect) => dialect == SqlServer;

        public const string TableHintRowLock = "WITH (UPDLOCK, ROWLOCK)";

        public const string TrailingRowLock = "FOR UPDATE";

        /// <summary>The clause that turns an INSERT into a claim of <paramref name="key"/> where <see cref="SupportsOnConflict"/>.</summary>
        public static string OnConflictDoNothing(string key) => "ON CONFLICT (" + key + ") DO NOTHING";
    }
}
