using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// When RACE004's written value is the read value plus or minus something, the rewrite of the UPDATE into
    /// <c>SET c = c ± @delta</c>: the delta expression, the SQL literal, the binding, and the guard on the read value
    /// the UPDATE must carry (<see cref="UpdateGuard"/>). Null when the shape is anything else, or a check on the
    /// read value cannot be carried into SQL (the diagnostic then stands without this fix).
    /// </summary>
    internal static class AtomicUpdatePlan
    {
        public static AtomicUpdateEdit? For(SqlFinding finding, string column)
        {
            var update = finding.Write;
            if (!update.Statement.SetToParameter.TryGetValue(column, out var parameter) || parameter == null)
            {
                return null;
            }

            var sql = RewritableSql.Of(update.SqlOperand);
            var binding = update.ParameterBinding(parameter)?.Syntax.AncestorsAndSelf().FirstOrDefault(n => n is AnonymousObjectMemberDeclaratorSyntax || n is InvocationExpressionSyntax);
            var results = QueryResults.SymbolsOf(finding.Read.Call);
            var write = ReadModifyWrite.Of(update, parameter, results, finding.Work.Roots);
            if (sql != null && binding != null && write == null)
            {
                return CounterEdit(finding, column, parameter, sql, binding, results);
            }

            if (sql == null || binding == null || write == null
                || !UpdateGuard.TryFind(write, ConditionsOnRead(finding, results), out var guard)
                || !(OperationValues.SkipConversionsAndParentheses(write.Delta)!.Syntax is ExpressionSyntax delta))
            {
                return null;
            }

            var edit = new AtomicUpdateEdit(delta, sql, binding, column, parameter, write.Operator);
            return guard == null ? edit : edit.WithGuard(guard.Statement, guard.SqlCondition, update.Call.Syntax, finding.Read.Call.Syntax,
                ReadCommand.Of(finding.Read, finding.Document.Model, finding.Document.Catalog));
        }

        /// <summary>
        /// The counter form (<see cref="CounterStep"/>): <c>SET hits = hits + @delta</c>, the step's statement removed.
        /// Not with a condition on the read value on the way: the counter's local is then read by it.
        /// </summary>
        private static AtomicUpdateEdit? CounterEdit(SqlFinding finding, string column, string parameter, LiteralExpressionSyntax sql, SyntaxNode binding, HashSet<ISymbol> results)
        {
            var counter = CounterStep.Of(finding.Write, parameter, results);
            return counter?.Step.Syntax is ExpressionSyntax step && ConditionsOnRead(finding, results).Count == 0
                ? new AtomicUpdateEdit(step, sql, binding, column, parameter, counter.Operator, stepsCounter: true)
                : null;
        }

        /// <summary>The branch conditions that test what the SELECT read, on a path from the read to the UPDATE.</summary>
        private static List<FlowStep> ConditionsOnRead(SqlFinding finding, HashSet<ISymbol> results)
        {
            var flow = finding.Flow;
            var conditions = new List<FlowStep>();
            if (!flow.TryGetStepOf(finding.Read.Call.Syntax, out var readStep) || !flow.TryGetStepOf(finding.Write.Call.Syntax, out var updateStep))
            {
                return conditions;
            }

            foreach (var step in flow.Steps)
            {
                if (BranchConditions.IsCondition(step) && BranchConditions.RootsOf(step, finding.Work.Roots).Overlaps(results)
                    && flow.ReachesInOnePass(readStep, step) && flow.ReachesInOnePass(step, updateStep))
                {
                    conditions.Add(step);
                }
            }

            return conditions;
        }
    }
}
