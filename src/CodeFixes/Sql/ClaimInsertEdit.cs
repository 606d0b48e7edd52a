using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>The nodes and values of one RACE005 claim, as <see cref="ClaimInsertPlan"/> found them.</summary>
    internal sealed class ClaimInsertEdit
    {
        public ClaimInsertEdit(string key, SyntaxNode insertCall, SyntaxNode checkCall, LiteralExpressionSyntax insertSql,
            ReadCommand? insertCommand, ReadCommand? checkCommand, NewTransactionEdit? transaction, StatementSyntax? commitAfter)
        {
            Key = key;
            InsertCall = insertCall;
            CheckCall = checkCall;
            InsertSql = insertSql;
            InsertCommand = insertCommand;
            CheckCommand = checkCommand;
            Transaction = transaction;
            CommitAfter = commitAfter;
        }

        /// <summary>The key column the claim conflicts on.</summary>
        public string Key { get; }

        public SyntaxNode InsertCall { get; }

        public SyntaxNode CheckCall { get; }

        public LiteralExpressionSyntax InsertSql { get; }

        /// <summary>The ADO.NET command only the INSERT runs: made and set up before the claim, where the check was.</summary>
        public ReadCommand? InsertCommand { get; }

        /// <summary>The ADO.NET command only the check ran: removed with it.</summary>
        public ReadCommand? CheckCommand { get; }

        /// <summary>The transaction around the claim and the work it guards; null when the claim guards nothing else, or already runs in one.</summary>
        public NewTransactionEdit? Transaction { get; }

        /// <summary>
        /// The statement of the claim's block holding the last SQL work after the insert: the transaction commits
        /// after it. Null when no work follows the insert (the commit then takes the insert's place).
        /// </summary>
        public StatementSyntax? CommitAfter { get; }

        /// <summary>Every node, in the order <see cref="At"/> reads them back.</summary>
        public IReadOnlyList<SyntaxNode?> Anchors
            => new SyntaxNode?[] { InsertCall, CheckCall, InsertSql, InsertCommand?.Declaration, CheckCommand?.Declaration, CommitAfter }
                .Concat(InsertCommand?.Setup ?? Enumerable.Empty<SyntaxNode>())
                .Concat(CheckCommand?.Setup ?? Enumerable.Empty<SyntaxNode>())
                .Concat(Transaction?.Nodes ?? Enumerable.Empty<SyntaxNode>())
                .ToList();

        /// <summary>The same edit with its nodes as they stand in a later version of the tree; null when one is gone.</summary>
        public ClaimInsertEdit? At(IReadOnlyList<SyntaxNode?> anchors)
        {
            if (!(anchors[0] is { } insertCall) || !(anchors[1] is { } checkCall) || !(anchors[2] is LiteralExpressionSyntax sql))
            {
                return null;
            }

            var insertSetup = InsertCommand?.Setup.Count ?? 0;
            var checkSetup = CheckCommand?.Setup.Count ?? 0;
            if (CommitAfter != null && !(anchors[5] is StatementSyntax))
            {
                return null;
            }

            var insertCommand = InsertCommand?.At(anchors[3], anchors.Skip(6).Take(insertSetup));
            var checkCommand = CheckCommand?.At(anchors[4], anchors.Skip(6 + insertSetup).Take(checkSetup));
            return new ClaimInsertEdit(Key, insertCall, checkCall, sql, insertCommand, checkCommand, Transaction?.At(anchors.Skip(6 + insertSetup + checkSetup)), anchors[5] as StatementSyntax);
        }
    }
}
