using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Locks
{
    /// <summary>RACE012: the Monitor's lock object becomes a <c>SemaphoreSlim(1, 1)</c>, which no thread owns.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SemaphoreForMonitorFixer)), Shared]
    public sealed class SemaphoreForMonitorFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race012ThreadAffineLockAcrossAwait.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.SemaphoreForMonitor";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            var root = document.Root;
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.SemaphoreForMonitorFix)
            {
                return null;
            }

            return FixPositions.NodeAt(root, diagnostic, FixProperties.FieldStart, fromEnd: false) is VariableDeclaratorSyntax field ? new Target(new SyntaxNode?[] { field }) : null;
        }

        /// <summary>The field's declarator; everything else is found from it when the fix is applied.</summary>
        private sealed class Target : IAnchoredFix
        {
            public Target(IReadOnlyList<SyntaxNode?> anchors) => Anchors = anchors;

            public string Title => FixTitles.SemaphoreForMonitor;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root) => Anchors[0] is VariableDeclaratorSyntax field ? SemaphoreForMonitorRewriter.Rewrite(root, field) : null;
        }
    }
}
