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

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
            => SqlFinding.Resolve(document, diagnostic) is { } finding && ClaimInsertPlan.For(finding) is { } edit ? new Target(edit) : null;

        /// <summary>One diagnostic's claim, anchored to its nodes (<see cref="ClaimInsertEdit.Anchors"/>).</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly ClaimInsertEdit _edit;

            public Target(ClaimInsertEdit edit)
            {
                _edit = edit;
                Anchors = edit.Anchors;
            }

            public string Title => FixTitles.Claim;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => _edit.At(anchors) is { } edit ? new Target(edit) : this;

            public SyntaxNode? ApplyTo(SyntaxNode root) => ClaimInsertRewriter.Claim(root, _edit);
        }
    }
}
