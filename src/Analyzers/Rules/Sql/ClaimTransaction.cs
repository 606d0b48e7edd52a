using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// RACE005's claim must commit or roll back with the work it guards: claimed alone, a failure after the claim
    /// marks the event processed and its redelivery skips it. Outside a transaction, the fix opens one on the
    /// connection the statements run on, and passes it to each of them. This says whether that can be done: every
    /// statement from the check to the insert runs through Dapper on that one connection, none passing a
    /// transaction of its own. Null otherwise (then no fix).
    /// </summary>
    internal static class ClaimTransaction
    {
        public static ImmutableDictionary<string, string?>? For(SqlExecution insert, SqlExecution check, IReadOnlyList<SqlExecution> executions)
        {
            var connection = DapperConnection(insert.Call);
            var symbol = OperationFacts.ReferencedSymbol(connection);
            if (connection == null || symbol == null)
            {
                return null;
            }

            var work = new List<SqlExecution>();
            foreach (var execution in executions)
            {
                var start = execution.Call.Syntax.SpanStart;
                if (start <= check.Call.Syntax.Span.End || start > insert.Call.Syntax.SpanStart)
                {
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(DapperConnection(execution.Call)), symbol) || PassesTransaction(execution.Call))
                {
                    return null;
                }

                work.Add(execution);
            }

            var awaited = AwaitableWrappers.Outermost(insert.Call) is IAwaitOperation;
            var hasAsync = connection.Type?.GetMembers("BeginTransactionAsync").Any() == true || InheritsBeginTransactionAsync(connection.Type);
            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.TransactionKind, awaited && hasAsync ? FixProperties.AsyncTransaction : FixProperties.SyncTransaction)
                .Add(FixProperties.Connection, connection.Syntax.ToString())
                .Add(FixProperties.WorkCalls, string.Join(",", work.Select(e => e.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))));
        }

        /// <summary>The connection a Dapper extension runs on: <c>db</c> in <c>db.ExecuteAsync(…)</c>.</summary>
        private static IOperation? DapperConnection(IInvocationOperation call)
            => AdoNetShapes.IsDapperExtension(call.TargetMethod) && call.Arguments.Length > 0
                ? OperationValues.SkipConversions(call.Arguments[0].Value)
                : null;

        private static bool PassesTransaction(IInvocationOperation call)
            => call.Arguments.Any(a => a.Parameter != null && AdoNetShapes.IsTransactionParameter(a.Parameter) && a.ArgumentKind == ArgumentKind.Explicit);

        private static bool InheritsBeginTransactionAsync(ITypeSymbol? type)
        {
            for (var current = type?.BaseType; current != null; current = current.BaseType)
            {
                if (current.GetMembers("BeginTransactionAsync").Any())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
