using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE005's "Claim with ON CONFLICT DO NOTHING" (PostgreSQL, SQLite): the insert's SQL literal, the key
    /// column evident from the check, the ADO.NET commands the insert and the check run on, and the transaction
    /// the claim needs. A claim must commit or roll back with the work it guards: claimed alone, a failure after
    /// the claim marks the event processed and its redelivery skips it, and a concurrent delivery returns as
    /// done while the work is still running. So when SQL work stands between the check and the insert, or
    /// follows the insert in its block, outside a transaction, one is opened around the claim and that work
    /// (<see cref="NewTransaction"/>) and committed after the last of it; a claim that guards nothing else needs
    /// none. Null when any part is missing or the dialect has no ON CONFLICT.
    /// </summary>
    internal static class ClaimInsertPlan
    {
        public static ClaimInsertEdit? For(SqlFinding finding)
        {
            var (insert, check) = (finding.Write, finding.Read);
            if (!(KeyOf(finding) is { } key) || !(RewritableSql.Of(insert.SqlOperand) is { } literal)
                || !(StatementFacts.StatementOf(check.Call.Syntax) is { Parent: BlockSyntax block } checkStatement)
                || !(StatementFacts.StatementOf(insert.Call.Syntax) is { } insertStatement) || insertStatement.Parent != block)
            {
                return null;
            }

            var (model, catalog) = (finding.Document.Model, finding.Document.Catalog);
            var insertCommand = IsDapper(insert) ? null : ReadCommand.Of(insert, model, catalog);
            var checkCommand = IsDapper(check) ? null : ReadCommand.Of(check, model, catalog);
            if (!IsDapper(insert) && insertCommand == null)
            {
                return null;
            }

            var edit = new ClaimInsertEdit(key, insert.Call.Syntax, check.Call.Syntax, literal, insertCommand, checkCommand, null, null);
            var after = finding.Work.EveryExecution
                .Where(e => e.Call.Syntax.SpanStart > insertStatement.Span.End && e.Call.Syntax.Span.End <= block.Span.End)
                .ToList();
            if (finding.Work.InTransactionAt(check) || (after.Count == 0 && !GuardsOtherWork(block, checkStatement, insertStatement, insertCommand)))
            {
                return edit;
            }

            var covered = finding.Work.EveryExecution
                .Where(e => e.Call.Syntax.SpanStart > check.Call.Syntax.Span.End && e.Call.Syntax.SpanStart <= insert.Call.Syntax.SpanStart)
                .Concat(after)
                .ToList();
            var commitAfter = after.Count == 0 ? null : StatementFacts.ChildOf(block, after[after.Count - 1].Call.Syntax);
            var transaction = NewTransaction.For(finding, covered, NewTransaction.IsAwaited(insert.Call));
            return transaction == null || (after.Count > 0 && commitAfter == null)
                ? null
                : new ClaimInsertEdit(edit.Key, edit.InsertCall, edit.CheckCall, literal, insertCommand, checkCommand, transaction, commitAfter);
        }

        /// <summary>The one key column the check tests and the insert writes, when the dialect can claim it with ON CONFLICT.</summary>
        public static string? KeyOf(SqlFinding finding)
        {
            var (insert, check) = (finding.Write, finding.Read);
            var keys = check.Statement.WhereEqualsParameter.Keys.Where(k => insert.Statement.InsertColumns.Count == 0 || insert.Statement.InsertColumns.Contains(k)).ToList();
            return keys.Count == 1 && SqlDialect.SupportsOnConflict(SqlDialect.Of(insert)) ? keys[0] : null;
        }

        /// <summary>
        /// Something runs between the check and the insert besides the tests of the check's result and the making
        /// of the insert's command: work the claim guards, which must commit with it.
        /// </summary>
        private static bool GuardsOtherWork(BlockSyntax block, StatementSyntax check, StatementSyntax insert, ReadCommand? insertCommand)
        {
            var result = check is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration ? declaration.Declaration.Variables[0].Identifier.ValueText : null;
            var between = block.Statements.Skip(block.Statements.IndexOf(check) + 1).Take(block.Statements.IndexOf(insert) - block.Statements.IndexOf(check) - 1);
            foreach (var statement in between)
            {
                var makesInsertCommand = insertCommand != null && (statement == insertCommand.Declaration || insertCommand.Setup.Contains(statement));
                var testsResult = result != null && StatementFacts.IdentifiersIn(statement).Contains(result) && !statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any();
                if (!makesInsertCommand && !testsResult)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDapper(SqlExecution execution) => AdoNetShapes.IsDapperExtension(execution.Call.TargetMethod);
    }
}
