using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Streams
{
    /// <summary>RACE003: subscribe first, then read the snapshot (the reader must then de-duplicate).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribeFirstFixer)), Shared]
    public sealed class SubscribeFirstFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race003SnapshotReadBeforeSubscribe.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.SubscribeFirst";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => Target.Resolve(document.Root, diagnostic);

        /// <summary>The subscribing call and the earliest related reading call of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private Target(IReadOnlyList<SyntaxNode?> anchors) => Anchors = anchors;

            public string Title => FixTitles.SubscribeFirst;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.SubscribeFirstFix
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var read = FixPositions.NodeAt(root, diagnostic, FixProperties.ReadStart, fromEnd: false);
                return read == null ? null : new Target(new[] { root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), read });
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root) => SubscribeFirstRewriter.SubscribeBeforeRead(root, Anchors[0]!, Anchors[1]!);
        }
    }
}
