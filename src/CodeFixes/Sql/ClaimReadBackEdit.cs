using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>The nodes of one RACE005 claim whose check is read back after it, as <see cref="ClaimReadBackPlan"/> found them.</summary>
    internal sealed class ClaimReadBackEdit
    {
        public ClaimReadBackEdit(string key, SyntaxNode insertCall, SyntaxNode checkCall, LiteralExpressionSyntax insertSql, IReadOnlyList<StatementSyntax> carried)
        {
            Key = key;
            InsertCall = insertCall;
            CheckCall = checkCall;
            InsertSql = insertSql;
            Carried = carried;
        }

        /// <summary>The key column the claim conflicts on.</summary>
        public string Key { get; }

        public SyntaxNode InsertCall { get; }

        public SyntaxNode CheckCall { get; }

        public LiteralExpressionSyntax InsertSql { get; }

        /// <summary>The declarations between the check and the insert that make the insert's values: they move up with it.</summary>
        public IReadOnlyList<StatementSyntax> Carried { get; }

        public IReadOnlyList<SyntaxNode?> Anchors => new SyntaxNode?[] { InsertCall, CheckCall, InsertSql }.Concat(Carried).ToList();

        /// <summary>The same edit with its nodes as they stand in a later version of the tree; null when one is gone.</summary>
        public ClaimReadBackEdit? At(IReadOnlyList<SyntaxNode?> anchors)
        {
            var carried = anchors.Skip(3).OfType<StatementSyntax>().ToList();
            return anchors[0] is { } insertCall && anchors[1] is { } checkCall && anchors[2] is LiteralExpressionSyntax sql && carried.Count == Carried.Count
                ? new ClaimReadBackEdit(Key, insertCall, checkCall, sql, carried)
                : null;
        }
    }
}
