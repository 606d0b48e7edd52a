using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.CodeFixes.Pools
{
    /// <summary>What one RACE001/RACE002 diagnostic asks to move: the flagged call, the acquisition and the last use.</summary>
    internal sealed class PoolFixTarget : IAnchoredFix
    {
        private PoolFixTarget(string kind, IReadOnlyList<SyntaxNode?> anchors)
        {
            Kind = kind;
            Anchors = anchors;
        }

        public string Kind { get; }

        /// <summary>The flagged call, the acquiring call, the last use or the release in a finally (optional).</summary>
        public IReadOnlyList<SyntaxNode?> Anchors { get; }

        public string Title => Kind == FixProperties.AcquireBeforeTryFix ? FixTitles.AcquireBeforeTry : FixTitles.ReleaseInFinally;

        public static PoolFixTarget? Resolve(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind)
                || (kind != FixProperties.ReleaseInFinallyFix && kind != FixProperties.AcquireBeforeTryFix && kind != FixProperties.TryFromAcquireFix)
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var flagged = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var acquire = FixPositions.NodeAt(root, diagnostic, FixProperties.AcquireStart, fromEnd: false);
            if (kind == FixProperties.TryFromAcquireFix)
            {
                var release = FixPositions.NodeAt(root, diagnostic, FixProperties.ReleaseStart, fromEnd: false);
                return acquire == null || release == null ? null : new PoolFixTarget(kind!, new[] { flagged, acquire, release });
            }

            var lastUse = FixPositions.NodeAt(root, diagnostic, FixProperties.LastUseEnd, fromEnd: true);
            return kind == FixProperties.ReleaseInFinallyFix && acquire == null ? null : new PoolFixTarget(kind!, new[] { flagged, acquire, lastUse });
        }

        public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new PoolFixTarget(Kind, anchors);

        public SyntaxNode? ApplyTo(SyntaxNode root)
            => Kind == FixProperties.AcquireBeforeTryFix ? MoveIntoFinallyRewriter.AcquireBeforeTry(root, Anchors[0]!)
                : Kind == FixProperties.TryFromAcquireFix ? MoveIntoFinallyRewriter.TryFromAcquire(root, Anchors[1]!, Anchors[2]!)
                : MoveIntoFinallyRewriter.ReleaseInFinally(root, Anchors[0]!, Anchors[1]!, Anchors[2]?.Span.End ?? -1);
    }
}
