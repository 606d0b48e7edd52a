using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>RACE006 and RACE007: commit only after the write succeeded.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CommitAfterPersistFixer)), Shared]
    public sealed class CommitAfterPersistFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race006CommittedBeforePersist.Id, Descriptors.Race007CommittedWhenPersistFails.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.CommitAfterPersist";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => Target.Resolve(document, diagnostic);

        /// <summary>
        /// The commit call and the persistence call of one diagnostic, then (RACE007) the catches that swallow the
        /// failure, and the statement they must add so the message comes again (<see cref="FailurePathPlan"/>).
        /// </summary>
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

            private IEnumerable<CatchClauseSyntax> Swallowing => Anchors.Skip(2).OfType<CatchClauseSyntax>();

            public static IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
            {
                var root = document.Root;
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind)
                    || (kind != FixProperties.CommitAfterPersistFix && kind != FixProperties.CommitInsideTryFix && kind != FixProperties.SettleInCatchFix)
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var commit = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var persist = FixPositions.NodeAt(root, diagnostic, FixProperties.PersistStart, fromEnd: false);
                if (persist == null)
                {
                    return null;
                }

                if (kind == FixProperties.CommitAfterPersistFix)
                {
                    return new Target(kind, null, new[] { commit, persist });
                }

                // RACE007: the failure path is planned from the commit's own call, on the broker it belongs to.
                var failurePath = document.InvocationAt(diagnostic.Location.SourceSpan) is { } call ? FailurePathPlan.For(call) : null;
                var swallowing = failurePath == null ? new CatchClauseSyntax[0] : SwallowingCatches.Around(persist, document.Model, document.CancellationToken);
                if (kind == FixProperties.SettleInCatchFix && swallowing.Count == 0)
                {
                    return null;
                }

                return new Target(kind!, failurePath, new[] { commit, persist }.Concat(swallowing).ToList());
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(_kind, _failurePath, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => _kind switch
                {
                    FixProperties.CommitInsideTryFix => CommitAfterPersistRewriter.CommitInsideTry(root, Anchors[0]!, Anchors[1]!, Swallowing.ToList(), _failurePath),
                    FixProperties.SettleInCatchFix => CommitAfterPersistRewriter.SettleInCatches(root, Swallowing.ToList(), _failurePath!),
                    _ => CommitAfterPersistRewriter.CommitAfterPersist(root, Anchors[0]!, Anchors[1]!),
                };
        }
    }
}
