using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>RACE005's question: does an INSERT run only when an existence check on the same key found nothing.</summary>
    internal static class GuardingCheck
    {
        /// <summary>The unprotected existence check on the same table and key whose result decides whether the INSERT runs.</summary>
        public static SqlExecution? Of(SqlWork work, MethodFlow flow, SqlExecution insert)
        {
            if (insert.Statement.ClaimsAtomically || !flow.TryGetStepOf(insert.Call.Syntax, out var insertStep))
            {
                return null;
            }

            foreach (var check in work.Of(SqlStatementKind.Select))
            {
                var statement = check.Statement;
                if (statement.Table != insert.Statement.Table || (statement.LocksRows && work.InTransactionAt(check))
                    || !SharesKey(statement, insert.Statement) || !flow.TryGetStepOf(check.Call.Syntax, out var checkStep))
                {
                    continue;
                }

                // COUNT, EXISTS and SELECT 1 are checks by their text; SELECT id … is one when the code only asks
                // whether it found a row (is null, HasValue, == default).
                if (DecidesOver(work, flow, check, checkStep, insertStep, presenceTestOnly: !statement.IsExistenceCheck))
                {
                    return check;
                }
            }

            return null;
        }

        /// <summary>A branch after the check (or the check's own condition) tests its result and leads to the insert.</summary>
        private static bool DecidesOver(SqlWork work, MethodFlow flow, SqlExecution check, FlowStep checkStep, FlowStep insertStep, bool presenceTestOnly)
        {
            if (BranchConditions.IsCondition(checkStep))
            {
                return (!presenceTestOnly || PresenceTest.Tests(checkStep.Operation, check.Call)) && flow.ReachesInOnePass(checkStep, insertStep);
            }

            var results = QueryResults.SymbolsOf(check.Call);
            if (results.Count == 0)
            {
                return false;
            }

            var decides = false;
            flow.WalkAfter(checkStep, followExceptions: false, step =>
            {
                if (BranchConditions.IsCondition(step) && BranchConditions.RootsOf(step, work.Roots).Overlaps(results)
                    && (!presenceTestOnly || PresenceTest.TestsAny(step.Operation, results, work.Roots)) && flow.ReachesInOnePass(step, insertStep))
                {
                    decides = true;
                    return WalkDecision.StopWalk;
                }

                return step.Equals(insertStep) ? WalkDecision.StopPath : WalkDecision.Continue;
            }, forwardOnly: true);
            return decides;
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
    }
}
