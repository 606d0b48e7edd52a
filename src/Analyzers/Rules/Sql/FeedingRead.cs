using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>RACE004's question: does a value a SELECT read flow into an UPDATE's SET parameter.</summary>
    internal static class FeedingRead
    {
        /// <summary>
        /// The unprotected SELECT of <paramref name="column"/> whose result flows into the UPDATE's
        /// <paramref name="parameter"/>, read before the UPDATE on some path; null when there is none.
        /// </summary>
        public static SqlExecution? Of(SqlWork work, MethodFlow flow, SqlExecution update, string column, string parameter)
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

            var valueRoots = work.Roots.Of(value, everyValue: true);
            foreach (var read in work.Of(SqlStatementKind.Select))
            {
                var selected = read.Statement;
                if (selected.IsExistenceCheck || selected.Table != statement.Table || (selected.LocksRows && work.InTransactionAt(read))
                    || !(selected.SelectedColumns.Contains(column) || selected.SelectedColumns.Contains("*")))
                {
                    continue;
                }

                var flowsIn = QueryResults.UsedIn(value, read.Call) || valueRoots.Overlaps(QueryResults.SymbolsOf(read.Call));
                if (flowsIn && flow.TryGetStepOf(read.Call.Syntax, out var readStep) && (readStep.Equals(updateStep) || flow.ReachesInOnePass(readStep, updateStep)))
                {
                    return read;
                }
            }

            return null;
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
    }
}
