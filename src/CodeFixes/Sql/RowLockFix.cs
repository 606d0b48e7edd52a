using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004's "Lock the row": the SELECT takes the dialect's row lock (<c>FOR UPDATE</c> on PostgreSQL and
    /// MySQL, <c>WITH (UPDLOCK, ROWLOCK)</c> on SQL Server), so a second caller's SELECT waits until the first
    /// commits. Outside a transaction the fix opens one before the read and commits it after the write
    /// (<see cref="RowLockTransaction"/>), so the lock is held through everything in between.
    /// </summary>
    internal sealed class RowLockFix : IAnchoredFix
    {
        private readonly string _dialect;
        private readonly NewTransactionEdit? _transaction;

        private RowLockFix(IReadOnlyList<SyntaxNode?> anchors, string dialect, NewTransactionEdit? transaction)
        {
            Anchors = anchors;
            _dialect = dialect;
            _transaction = transaction;
        }

        public string Title => FixTitles.LockRow;

        /// <summary>The SELECT literal; with a new transaction, the first and last statements it covers, then the statements that join it.</summary>
        public IReadOnlyList<SyntaxNode?> Anchors { get; }

        /// <summary>Null where the dialect has no row lock the fix knows, or the SELECT's text may not be rewritten or locked.</summary>
        public static IAnchoredFix? For(SqlFinding finding)
        {
            var dialect = SqlDialect.Of(finding.Read);
            if (!(RewritableSql.Of(finding.Read.SqlOperand) is { } select) || !SqlDialect.SupportsRowLock(dialect) || !RowLockRewriter.CanLock(select))
            {
                return null;
            }

            if (finding.Work.InTransactionAt(finding.Read))
            {
                return new RowLockFix(new[] { select }, dialect!, null);
            }

            return RowLockTransaction.For(finding) is var (first, last, transaction)
                ? new RowLockFix(new SyntaxNode[] { select, first, last }.Concat(transaction.Nodes).ToList(), dialect!, transaction)
                : null;
        }

        public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new RowLockFix(anchors, _dialect, _transaction?.At(anchors.Skip(3)));

        public SyntaxNode? ApplyTo(SyntaxNode root)
        {
            if (!(Anchors[0] is LiteralExpressionSyntax select))
            {
                return null;
            }

            if (_transaction == null)
            {
                return RowLockRewriter.LockRow(root, select, _dialect);
            }

            if (!(Anchors[1] is StatementSyntax first) || !(Anchors[2] is StatementSyntax last))
            {
                return null;
            }

            var tracked = root.TrackNodes(new SyntaxNode[] { select, first, last }.Concat(_transaction.Nodes));
            var locked = RowLockRewriter.LockRow(tracked, tracked.GetCurrentNode(select)!, _dialect);
            return locked == null ? null : TransactionWrapper.Wrap(locked, _transaction.At(_transaction.Nodes.Select(n => locked.GetCurrentNode(n))),
                locked.GetCurrentNode(first)!, locked.GetCurrentNode(last)!);
        }
    }
}
