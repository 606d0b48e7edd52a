using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>RACE006 and RACE007: commit only after the write succeeded.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CommitAfterPersistFixer)), Shared]
    public sealed class CommitAfterPersistFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race006CommittedBeforePersist.Id, Descriptors.Race007CommittedWhenPersistFails.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.CommitAfterPersist";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => Target.Resolve(document.Root, diagnostic);

        /// <summary>The commit call and the persistence call of one diagnostic, and what a swallowing catch must add.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly string _kind;
            private readonly string? _failurePath;

            private Target(string kind, string? failurePath, IReadOnlyList<SyntaxNode?> anchors)
            {
                _kind = kind;
                _failurePath = failurePath;
                Anchors = anchors;
            }

            public string Title => _kind switch
            {
                FixProperties.CommitInsideTryFix => FixTitles.CommitInsideTry,
                FixProperties.SettleInCatchFix => FixTitles.DeliverAgain,
                _ => FixTitles.CommitAfterPersist,
            };

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind)
                    || (kind != FixProperties.CommitAfterPersistFix && kind != FixProperties.CommitInsideTryFix && kind != FixProperties.SettleInCatchFix)
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                diagnostic.Properties.TryGetValue(FixProperties.FailurePath, out var failurePath);
                var persist = FixPositions.NodeAt(root, diagnostic, FixProperties.PersistStart, fromEnd: false);
                if (persist == null || (kind == FixProperties.SettleInCatchFix && failurePath == null))
                {
                    return null;
                }

                return new Target(kind!, failurePath, new[] { root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), persist });
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(_kind, _failurePath, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => _kind switch
                {
                    FixProperties.CommitInsideTryFix => CommitAfterPersistRewriter.CommitInsideTry(root, Anchors[0]!, Anchors[1]!, _failurePath),
                    FixProperties.SettleInCatchFix => CommitAfterPersistRewriter.SettleInCatches(root, Anchors[1]!, _failurePath!),
                    _ => CommitAfterPersistRewriter.CommitAfterPersist(root, Anchors[0]!, Anchors[1]!),
                };
        }
    }
}
