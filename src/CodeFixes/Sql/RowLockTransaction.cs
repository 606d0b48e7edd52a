using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// Where RACE004's row lock needs a transaction of its own: from the SELECT (or the statement making its
    /// ADO.NET command) to the UPDATE, statements of one block, every SQL statement in between joining it
    /// (<see cref="NewTransaction"/>). Not planned when a write in between could be followed by an early exit
    /// (<c>return</c>, <c>break</c>, <c>continue</c>, <c>goto</c>): the exit rolls the transaction back, and that write with it.
    /// </summary>
    internal static class RowLockTransaction
    {
        public static (StatementSyntax First, StatementSyntax Last, NewTransactionEdit Transaction)? For(SqlFinding finding)
        {
            var (read, write) = (finding.Read, finding.Write);
            if (!(StatementFacts.StatementOf(read.Call.Syntax) is { Parent: BlockSyntax block } readStatement)
                || !(StatementFacts.StatementOf(write.Call.Syntax) is { } writeStatement) || writeStatement.Parent != block
                || writeStatement.SpanStart <= readStatement.SpanStart)
            {
                return null;
            }

            var first = ExecutionConnection.Of(read, finding.Document.Model, finding.Document.Catalog)?.Command is { } command
                        && command.Parent == block && command.SpanStart < readStatement.SpanStart
                ? command
                : readStatement;
            var covered = finding.Work.EveryExecution
                .Where(e => e.Call.Syntax.SpanStart >= first.SpanStart && e.Call.Syntax.SpanStart < writeStatement.Span.End)
                .ToList();
            if (covered.Any(e => e != write && e.Statement.Kind != SqlStatementKind.Select && LeavesBetween(block, e.Call.Syntax.Span.End, write.Call.Syntax.SpanStart)))
            {
                return null;
            }

            var transaction = NewTransaction.For(finding, covered, awaited: NewTransaction.IsAwaited(read.Call));
            return transaction != null && transaction.Commands.All(c => c.SpanStart >= first.SpanStart && c.SpanStart < writeStatement.SpanStart)
                ? (first, writeStatement, transaction)
                : ((StatementSyntax, StatementSyntax, NewTransactionEdit)?)null;
        }

        /// <summary>A statement that leaves the covered statements (not a lambda's return) starts between the two positions.</summary>
        private static bool LeavesBetween(BlockSyntax block, int from, int to)
            => block.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax))
                .Any(n => n.SpanStart > from && n.SpanStart < to
                          && (n is ReturnStatementSyntax || n is BreakStatementSyntax || n is ContinueStatementSyntax || n is GotoStatementSyntax || n is YieldStatementSyntax));
    }
}
