using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// RACE004's "Lock the row": the SELECT's literal and the dialect that says how to lock (<c>FOR UPDATE</c> on
    /// PostgreSQL and MySQL, <c>WITH (UPDLOCK, ROWLOCK)</c> on SQL Server), taken from the connection or command type.
    /// </summary>
    internal static class RowLockPlan
    {
        public static ImmutableDictionary<string, string?>? For(SqlExecution read)
        {
            var connection = OperationFacts.SkipConversions(read.Call.Instance ?? (read.Call.Arguments.Length > 0 ? read.Call.Arguments[0].Value : null));
            var dialect = DialectOf(connection?.Type);
            if (!(read.SqlOperand is ILiteralOperation literal) || dialect == null)
            {
                return null;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.LockRowFix)
                .Add(FixProperties.Dialect, dialect)
                .Add(FixProperties.SqlLiteralStart, literal.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        private static string? DialectOf(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("Npgsql", StringComparison.Ordinal))
            {
                return "postgres";
            }

            if (ns.StartsWith("MySql", StringComparison.Ordinal))
            {
                return "mysql";
            }

            return ns == "Microsoft.Data.SqlClient" || ns == "System.Data.SqlClient" ? "sqlserver" : null;
        }
    }
}
