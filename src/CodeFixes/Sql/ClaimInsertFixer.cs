using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>RACE005: claim the key with the INSERT itself (ON CONFLICT DO NOTHING) and gate the work on its row count.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClaimInsertFixer)), Shared]
    public sealed class ClaimInsertFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race005NonAtomicCheckThenInsert.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.ClaimInsert";

        /// <summary>
        /// The claim, and outside a transaction the one the fix opens around claim and work; null when either
        /// cannot be made.
        /// </summary>
        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (!(SqlFinding.Resolve(document, diagnostic) is { } finding) || !(ClaimInsertPlan.For(finding) is var (key, sql)))
            {
                return null;
            }

            var anchors = new List<SyntaxNode?> { finding.Write.Call.Syntax, finding.Read.Call.Syntax, sql };
            if (finding.Work.InTransactionAt(finding.Read))
            {
                return new Target(anchors, key, null);
            }

            var transaction = ClaimTransaction.For(finding);
            return transaction == null ? null : new Target(anchors.Concat(transaction.Calls).ToList(), key, transaction);
        }

        /// <summary>The insert call, the check call, the insert's SQL literal and the calls to pass the transaction to, of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly string _key;
            private readonly ClaimTransactionEdit? _transaction;

            public Target(IReadOnlyList<SyntaxNode?> anchors, string key, ClaimTransactionEdit? transaction)
            {
                Anchors = anchors;
                _key = key;
                _transaction = transaction;
            }

            public string Title => FixTitles.Claim;

            /// <summary>Insert call, check call, SQL literal, then the calls that join the transaction.</summary>
            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors, _key, _transaction);

            public SyntaxNode? ApplyTo(SyntaxNode root)
            {
                if (!(Anchors[2] is LiteralExpressionSyntax sql))
                {
                    return null;
                }

                var transaction = _transaction?.WithCalls(Anchors.Skip(3).OfType<InvocationExpressionSyntax>().ToList());
                return ClaimInsertRewriter.Claim(root, Anchors[0]!, Anchors[1]!, sql, _key, transaction);
            }
        }
    }
}
