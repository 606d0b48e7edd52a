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
    /// A transaction a SQL fix opens on the connection its statements run on, and how each statement joins it:
    /// Dapper calls are passed <c>transaction:</c>, ADO.NET commands get <c>cmd.Transaction = …</c>. Possible when
    /// every statement runs on that one connection, in the method's own body (not a lambda), none passing a
    /// transaction of its own, and the connection's <c>BeginTransaction(Async)</c> gives a transaction every one
    /// of them accepts. Null otherwise (then no fix).
    /// </summary>
    internal static class NewTransaction
    {
        public static NewTransactionEdit? For(SqlFinding finding, IReadOnlyList<SqlExecution> executions, bool awaited)
        {
            ISymbol? connection = null;
            IOperation? connectionOperation = null;
            var calls = new List<InvocationExpressionSyntax>();
            var commands = new List<(LocalDeclarationStatementSyntax Declaration, ILocalSymbol Local)>();
            var takers = new List<ITypeSymbol>();
            foreach (var execution in executions)
            {
                var runsOn = ExecutionConnection.Of(execution, finding.Document.Model, finding.Document.Catalog);
                var symbol = OperationFacts.ReferencedSymbol(runsOn?.Connection);
                if (runsOn == null || symbol == null || (connection != null && !SymbolEqualityComparer.Default.Equals(symbol, connection))
                    || OperationFacts.EnclosingFunction(execution.Call) != null)
                {
                    return null;
                }

                connection = symbol;
                connectionOperation ??= runsOn.Connection;
                if (runsOn.Command is { } command && runsOn.CommandLocal is { } local)
                {
                    if (!(CommandTransaction(local.Type) is { } property))
                    {
                        return null;
                    }

                    takers.Add(property.Type);
                    if (!commands.Any(c => c.Declaration == command))
                    {
                        commands.Add((command, local));
                    }
                }
                else if (execution.Call.Syntax is InvocationExpressionSyntax call && TransactionParameter(execution.Call) is { } parameter && !PassesTransaction(execution.Call))
                {
                    takers.Add(parameter.Type);
                    calls.Add(call);
                }
                else
                {
                    return null;
                }
            }

            if (connectionOperation == null)
            {
                return null;
            }

            var compilation = finding.Document.Compilation;
            bool Fits(ITypeSymbol? transaction) => transaction != null && takers.All(t => compilation.ClassifyCommonConversion(transaction, t).IsImplicit);
            var isAsync = awaited && Fits(AdoNetShapes.BeganTransactionType(connectionOperation.Type, async: true));
            if (!isAsync && !Fits(AdoNetShapes.BeganTransactionType(connectionOperation.Type, async: false)))
            {
                return null;
            }

            return new NewTransactionEdit(isAsync, connectionOperation.Syntax.ToString(), calls, commands.Select(c => c.Declaration).ToList());
        }

        /// <summary>The call's value is awaited, through conversions, parentheses and wrappers: the code can await the transaction's calls too.</summary>
        public static bool IsAwaited(IInvocationOperation call)
        {
            var outermost = AwaitableWrappers.Outermost(call);
            for (IOperation? current = call; current != null; current = current.Parent)
            {
                if (current is IAwaitOperation)
                {
                    return true;
                }

                if (ReferenceEquals(current, outermost))
                {
                    return false;
                }
            }

            return false;
        }

        private static IParameterSymbol? TransactionParameter(IInvocationOperation call)
            => call.TargetMethod.Parameters.FirstOrDefault(AdoNetShapes.IsTransactionParameter);

        private static bool PassesTransaction(IInvocationOperation call)
            => call.Arguments.Any(a => a.Parameter != null && AdoNetShapes.IsTransactionParameter(a.Parameter) && a.ArgumentKind == ArgumentKind.Explicit);

        /// <summary>The command's settable <c>Transaction</c> property.</summary>
        private static IPropertySymbol? CommandTransaction(ITypeSymbol command)
        {
            for (var current = command; current != null; current = current.BaseType)
            {
                if (current.GetMembers("Transaction").OfType<IPropertySymbol>().FirstOrDefault(p => p.SetMethod != null && !p.IsStatic) is { } property)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
