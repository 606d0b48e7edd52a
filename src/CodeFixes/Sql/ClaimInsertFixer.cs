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
        /// The claim that restates the check's tests on the inserted row count; where the check's result is used for
        /// more than that (the id it read is returned, a switch picks the branch), the claim that reads it back.
        /// </summary>
        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (!(SqlFinding.Resolve(document, diagnostic) is { } finding))
            {
                return null;
            }

            if (ClaimInsertPlan.For(finding) is { } edit && ClaimInsertRewriter.Claim(document.Root, edit) != null)
            {
                return new Target(edit);
            }

            return ClaimReadBackPlan.For(finding) is { } readBack ? new ReadBackTarget(readBack) : null;
        }

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

        /// <summary>One diagnostic's claim with the check read back after it (<see cref="ClaimReadBackEdit.Anchors"/>).</summary>
        private sealed class ReadBackTarget : IAnchoredFix
        {
            private readonly ClaimReadBackEdit _edit;

            public ReadBackTarget(ClaimReadBackEdit edit)
            {
                _edit = edit;
                Anchors = edit.Anchors;
            }

            public string Title => FixTitles.Claim;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => _edit.At(anchors) is { } edit ? new ReadBackTarget(edit) : this;

            public SyntaxNode? ApplyTo(SyntaxNode root) => ClaimReadBackRewriter.Claim(root, _edit);
        }
    }
}
