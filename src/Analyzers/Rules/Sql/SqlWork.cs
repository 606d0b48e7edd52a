using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// The SQL one method runs, with its transactions and where its values come from: what RACE004 and RACE005
    /// (<see cref="FeedingRead"/>, <see cref="GuardingCheck"/>) and their fixes ask about.
    /// </summary>
    internal sealed class SqlWork
    {
        private readonly List<SqlExecution> _executions;
        private readonly TransactionScopes _transactions;

        private SqlWork(List<SqlExecution> executions, List<SqlExecution> everyExecution, ValueRoots roots, TransactionScopes transactions)
        {
            _executions = executions;
            EveryExecution = everyExecution;
            Roots = roots;
            _transactions = transactions;
        }

        /// <summary>Every SQL execution of the method, statements the classifier calls Other included.</summary>
        public IReadOnlyList<SqlExecution> EveryExecution { get; }

        /// <summary>Where the method's values come from.</summary>
        public ValueRoots Roots { get; }

        /// <summary>
        /// A SERIALIZABLE transaction (or REPEATABLE READ outside MySQL) makes the database refuse lost updates, for
        /// the statements of the function (method, lambda, local function) that opened it.
        /// </summary>
        public bool IsSerializableAt(SqlExecution execution) => _transactions.SerializableAt(execution.Call);

        /// <summary>The statements of the function that <paramref name="execution"/> belongs to run in a transaction.</summary>
        public bool InTransactionAt(SqlExecution execution) => _transactions.InTransactionAt(execution.Call);

        /// <summary>Null when the method runs no SELECT, or no UPDATE or INSERT: nothing to pair.</summary>
        public static SqlWork? Collect(IOperation methodRoot, ApiCatalog catalog)
        {
            var executions = new List<SqlExecution>();
            var everyExecution = new List<SqlExecution>();
            var transactions = new TransactionScopes(methodRoot);
            bool select = false, write = false;
            foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
            {
                if (operation is IObjectCreationOperation creation && AdoNetShapes.IsTransactionScope(creation.Type))
                {
                    transactions.Opened(creation, serializable: false);
                }

                if (!(operation is IInvocationOperation call) || call.IsImplicit)
                {
                    continue;
                }

                var isolation = catalog.TransactionIsolationOf(call);
                if (isolation != null)
                {
                    transactions.Opened(call, serializable: ApiCatalog.RefusesLostUpdates(call, isolation));
                    continue;
                }

                var execution = catalog.SqlExecutionOf(call);
                if (execution != null)
                {
                    everyExecution.Add(execution);
                }

                if (execution == null || execution.Statement.Kind == SqlStatementKind.Other)
                {
                    continue;
                }

                executions.Add(execution);
                select |= execution.Statement.Kind == SqlStatementKind.Select;
                write |= execution.Statement.Kind == SqlStatementKind.Update || execution.Statement.Kind == SqlStatementKind.Insert;
            }

            return select && write ? new SqlWork(executions, everyExecution, ValueRoots.For(methodRoot), transactions) : null;
        }

        public IEnumerable<SqlExecution> Of(SqlStatementKind kind)
        {
            foreach (var execution in _executions)
            {
                if (execution.Statement.Kind == kind)
                {
                    yield return execution;
                }
            }
        }
    }
}
