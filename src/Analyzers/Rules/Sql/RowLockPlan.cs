using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// RACE004's "Lock the row": the SELECT's literal and the dialect that says how to lock (<c>FOR UPDATE</c> on
    /// PostgreSQL and MySQL, <c>WITH (UPDLOCK, ROWLOCK)</c> on SQL Server), taken from the connection or command type.
    /// </summary>
    internal static class RowLockPlan
    {
        public static ImmutableDictionary<string, string?>? For(SqlExecution read)
        {
            var dialect = SqlDialect.Of(read);
            if (!(RewritableSql.Of(read.SqlOperand) is { } literal) || !SqlDialect.SupportsRowLock(dialect))
            {
                return null;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.LockRowFix)
                .Add(FixProperties.Dialect, dialect!)
                .Add(FixProperties.SqlLiteralStart, literal.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

    }
}
