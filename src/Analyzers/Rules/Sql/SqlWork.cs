using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// The SQL one method runs, with its transactions, and RACE004/RACE005's questions about it: does a value
    /// read by a SELECT flow into an UPDATE's SET parameter, and does an INSERT depend on an existence check.
    /// </summary>
    internal sealed class SqlWork
    {
        private readonly List<SqlExecution> _executions;
        private readonly List<SqlExecution> _everyExecution;
        private readonly ValueRoots _roots;
        private readonly TransactionScopes _transactions;

        private SqlWork(List<SqlExecution> executions, List<SqlExecution> everyExecution, ValueRoots roots, TransactionScopes transactions)
        {
            _executions = executions;
            _everyExecution = everyExecution;
            _roots = roots;
            _transactions = transactions;
        }

        /// <summary>
        /// A SERIALIZABLE transaction (or REPEATABLE READ outside MySQL) makes the database refuse lost updates, for
        /// the statements of the function (method, lambda, local function) that opened it.
        /// </summary>
        public bool IsSerializableAt(SqlExecution execution) => _transactions.SerializableAt(execution.Call);

        /// <summary>Null when the method runs no SELECT, or no UPDATE or INSERT: nothing to pair.</summary>
        public static SqlWork? Collect(IOperation methodRoot, ApiCatalog catalog)
        {
            var executions = new List<SqlExecution>();
            var everyExecution = new List<SqlExecution>();
            var transactions = new TransactionScopes(methodRoot);
            bool select = false, write = false;
            foreach (var operation in methodRoot.DescendantsAndSelf())
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
                    transactions.Opened(call, serializable: isolation == "Serializable" || (isolation == "RepeatableRead" && !ApiCatalog.IsMySql(call.Instance?.Type)));
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

            return select && write ? new SqlWork(executions, everyExecution, ValueRoots.Build(methodRoot), transactions) : null;
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

        /// <summary>
        /// RACE004: the unprotected SELECT of <paramref name="column"/> whose result flows into the UPDATE's
        /// <paramref name="parameter"/>, read before the UPDATE on some path; null when there is none.
        /// </summary>
        public SqlExecution? ReadFeeding(MethodFlow flow, SqlExecution update, string column, string parameter)
        {
            var statement = update.Statement;
            if (statement.WhereEqualsParameter.ContainsKey(column) || HasVersionColumn(statement))
            {
                return null; // compare-and-set: the write fails if the row changed
            }

            var value = update.ParameterValue(parameter);
            if (value == null || !flow.TryGetStepOf(update.Call.Syntax, out var updateStep))
            {
                return null;
            }

            var valueRoots = _roots.Of(value, everyValue: true);
            foreach (var read in Of(SqlStatementKind.Select))
            {
                var selected = read.Statement;
                if (selected.IsExistenceCheck || selected.Table != statement.Table || (selected.LocksRows && _transactions.InTransactionAt(read.Call))
                    || !(selected.SelectedColumns.Contains(column) || selected.SelectedColumns.Contains("*")))
                {
                    continue;
                }

                var flowsIn = ContainsCall(value, read.Call) || valueRoots.Overlaps(ResultSymbols(read.Call));
                if (flowsIn && flow.TryGetStepOf(read.Call.Syntax, out var readStep) && (readStep.Equals(updateStep) || flow.ReachesInOnePass(readStep, updateStep)))
                {
                    return read;
                }
            }

            return null;
        }

        /// <summary>
        /// RACE004's fix data: the atomic rewrite when the written value is the read value plus or minus an
        /// expression; otherwise, inside a transaction, locking the row the SELECT reads; else null.
        /// </summary>
        public System.Collections.Immutable.ImmutableDictionary<string, string?>? FixFor(MethodFlow flow, SqlExecution update, SqlExecution read, string column, string parameter)
        {
            var results = ResultSymbols(read.Call);
            return AtomicUpdatePlan.For(update, read, column, parameter, results, _roots, () => ConditionsOnRead(flow, read, update, results))
                   ?? (_transactions.InTransactionAt(read.Call) ? RowLockPlan.For(read) : null);
        }

        /// <summary>The branch conditions that test what the SELECT read, on a path from the read to the UPDATE.</summary>
        private List<FlowStep> ConditionsOnRead(MethodFlow flow, SqlExecution read, SqlExecution update, HashSet<ISymbol> results)
        {
            var conditions = new List<FlowStep>();
            if (!flow.TryGetStepOf(read.Call.Syntax, out var readStep) || !flow.TryGetStepOf(update.Call.Syntax, out var updateStep))
            {
                return conditions;
            }

            foreach (var step in flow.Steps)
            {
                if (IsBranchCondition(step) && ConditionRoots(step).Overlaps(results) && flow.ReachesInOnePass(readStep, step) && flow.ReachesInOnePass(step, updateStep))
                {
                    conditions.Add(step);
                }
            }

            return conditions;
        }

        /// <summary>
        /// RACE005's fix data: the claim, and outside a transaction the one the fix opens around claim and work;
        /// null when either cannot be made.
        /// </summary>
        public System.Collections.Immutable.ImmutableDictionary<string, string?>? ClaimFixFor(SqlExecution insert, SqlExecution check)
        {
            var claim = ClaimInsertPlan.For(insert, check);
            if (claim == null || _transactions.InTransactionAt(check.Call))
            {
                return claim;
            }

            var transaction = ClaimTransaction.For(insert, check, _everyExecution);
            return transaction == null ? null : claim.AddRange(transaction);
        }

        /// <summary>RACE005: the unprotected existence check on the same table and key whose result decides whether the INSERT runs.</summary>
        public SqlExecution? CheckGuarding(MethodFlow flow, SqlExecution insert)
        {
            if (insert.Statement.ClaimsAtomically || !flow.TryGetStepOf(insert.Call.Syntax, out var insertStep))
            {
                return null;
            }

            foreach (var check in Of(SqlStatementKind.Select))
            {
                var statement = check.Statement;
                if (statement.Table != insert.Statement.Table || (statement.LocksRows && _transactions.InTransactionAt(check.Call))
                    || !SharesKey(statement, insert.Statement) || !flow.TryGetStepOf(check.Call.Syntax, out var checkStep))
                {
                    continue;
                }

                // COUNT, EXISTS and SELECT 1 are checks by their text; SELECT id … is one when the code only asks
                // whether it found a row (is null, HasValue, == default).
                if (DecidesOver(flow, check, checkStep, insertStep, presenceTestOnly: !statement.IsExistenceCheck))
                {
                    return check;
                }
            }

            return null;
        }

        /// <summary>A branch after the check (or the check's own condition) tests its result and leads to the insert.</summary>
        private bool DecidesOver(MethodFlow flow, SqlExecution check, FlowStep checkStep, FlowStep insertStep, bool presenceTestOnly)
        {
            if (IsBranchCondition(checkStep))
            {
                return (!presenceTestOnly || PresenceTest.Tests(checkStep.Operation, check.Call)) && flow.ReachesInOnePass(checkStep, insertStep);
            }

            var results = ResultSymbols(check.Call);
            if (results.Count == 0)
            {
                return false;
            }

            var decides = false;
            flow.WalkAfter(checkStep, followExceptions: false, step =>
            {
                if (IsBranchCondition(step) && ConditionRoots(step).Overlaps(results)
                    && (!presenceTestOnly || PresenceTest.TestsAny(step.Operation, results, _roots)) && flow.ReachesInOnePass(step, insertStep))
                {
                    decides = true;
                    return WalkDecision.StopWalk;
                }

                return step.Equals(insertStep) ? WalkDecision.StopPath : WalkDecision.Continue;
            }, forwardOnly: true);
            return decides;
        }

        private static bool IsBranchCondition(FlowStep step) => step.Index >= step.Block.Operations.Length;

        /// <summary>
        /// What flows into a branch condition, through the values the graph captured for it: a <c>switch</c> on
        /// the count compares a capture of it with each case.
        /// </summary>
        private HashSet<ISymbol> ConditionRoots(FlowStep condition)
        {
            var roots = _roots.Of(condition.Operation, everyValue: true);
            foreach (var operation in condition.Operation.DescendantsAndSelf())
            {
                if (operation is IFlowCaptureReferenceOperation reference && CapturedValue(condition.Graph, reference.Id) is { } value)
                {
                    roots.UnionWith(_roots.Of(value, everyValue: true));
                }
            }

            return roots;
        }

        private static IOperation? CapturedValue(ControlFlowGraph graph, CaptureId id)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture && capture.Id.Equals(id))
                    {
                        return capture.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The check's key column is among the inserted columns (or the insert lists none).</summary>
        private static bool SharesKey(SqlStatement check, SqlStatement insert)
        {
            if (check.WhereEqualsParameter.Count == 0)
            {
                return false;
            }

            if (insert.InsertColumns.Count == 0)
            {
                return true;
            }

            foreach (var key in check.WhereEqualsParameter.Keys)
            {
                if (insert.InsertColumns.Contains(key))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasVersionColumn(SqlStatement statement)
        {
            foreach (var column in statement.WhereColumns)
            {
                if (SqlClassifier.IsVersionColumn(column))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The locals a query's result is stored in: <c>var stock = await db.QuerySingleAsync&lt;int&gt;(…)</c>, the reader, the row.</summary>
        private static HashSet<ISymbol> ResultSymbols(IInvocationOperation call)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var current = call.Parent; current != null && !(current is IBlockOperation) && !(current is IExpressionStatementOperation); current = current.Parent)
            {
                switch (current)
                {
                    case IVariableDeclaratorOperation declarator:
                        symbols.Add(declarator.Symbol);
                        return symbols;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                        symbols.Add(local.Local);
                        return symbols;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var target in deconstruction.Target.DescendantsAndSelf())
                        {
                            if (target is ILocalReferenceOperation local)
                            {
                                symbols.Add(local.Local);
                            }
                            else if (target is IDeclarationExpressionOperation)
                            {
                                continue;
                            }
                        }

                        return symbols;
                }
            }

            return symbols;
        }

        private static bool ContainsCall(IOperation value, IInvocationOperation call)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation.Syntax == call.Syntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
