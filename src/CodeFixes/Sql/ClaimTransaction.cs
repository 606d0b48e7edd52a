using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
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
        public static ClaimTransactionEdit? For(SqlFinding finding)
        {
            var (insert, check) = (finding.Write, finding.Read);
            var connection = DapperConnection(insert.Call);
            var symbol = OperationFacts.ReferencedSymbol(connection);
            if (connection == null || symbol == null)
            {
                return null;
            }

            var work = new List<InvocationExpressionSyntax>();
            foreach (var execution in finding.Work.EveryExecution)
            {
                var start = execution.Call.Syntax.SpanStart;
                if (start <= check.Call.Syntax.Span.End || start > insert.Call.Syntax.SpanStart)
                {
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(DapperConnection(execution.Call)), symbol) || PassesTransaction(execution.Call)
                    || !(execution.Call.Syntax is InvocationExpressionSyntax call))
                {
                    return null;
                }

                work.Add(call);
            }

            var awaited = AwaitableWrappers.Outermost(insert.Call) is IAwaitOperation;
            return new ClaimTransactionEdit(awaited && AdoNetShapes.CanBeginTransactionAsync(connection.Type), connection.Syntax.ToString(), work);
        }

        /// <summary>The connection a Dapper extension runs on: <c>db</c> in <c>db.ExecuteAsync(…)</c>.</summary>
        private static IOperation? DapperConnection(IInvocationOperation call)
            => AdoNetShapes.IsDapperExtension(call.TargetMethod) && call.Arguments.Length > 0
                ? OperationValues.SkipConversions(call.Arguments[0].Value)
                : null;

        private static bool PassesTransaction(IInvocationOperation call)
            => call.Arguments.Any(a => a.Parameter != null && AdoNetShapes.IsTransactionParameter(a.Parameter) && a.ArgumentKind == ArgumentKind.Explicit);
    }
}
