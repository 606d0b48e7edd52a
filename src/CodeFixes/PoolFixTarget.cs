using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// What one RACE001/RACE002 diagnostic asks to move, as syntax nodes: the flagged call, the acquisition and
    /// the last use. Fix All marks these nodes with annotations first, so that each rewrite can find its nodes
    /// again after earlier rewrites in the same document moved them.
    /// </summary>
    internal sealed class PoolFixTarget
    {
        private PoolFixTarget(string kind, SyntaxNode flagged, SyntaxNode? acquire, SyntaxNode? lastUse)
        {
            Kind = kind;
            Flagged = flagged;
            Acquire = acquire;
            LastUse = lastUse;
        }

        public string Kind { get; }
        public SyntaxNode Flagged { get; }
        public SyntaxNode? Acquire { get; }
        public SyntaxNode? LastUse { get; }

        public string Title => Kind == FixProperties.AcquireBeforeTryFix ? "Acquire before the try block" : "Release in a finally block";

        public IEnumerable<SyntaxNode> Nodes
        {
            get
            {
                yield return Flagged;
                if (Acquire != null)
                {
                    yield return Acquire;
                }

                if (LastUse != null)
                {
                    yield return LastUse;
                }
            }
        }

        public static PoolFixTarget? Resolve(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind == null
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var flagged = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var acquire = TryReadPosition(diagnostic, FixProperties.AcquireStart, out var start) ? root.FindToken(start).Parent : null;
            var lastUse = TryReadPosition(diagnostic, FixProperties.LastUseEnd, out var end) && end > 0 ? root.FindToken(end - 1).Parent : null;
            return kind == FixProperties.ReleaseInFinallyFix && acquire == null ? null : new PoolFixTarget(kind, flagged, acquire, lastUse);
        }

        /// <summary>The same target with its nodes as they stand in a later version of the tree.</summary>
        public PoolFixTarget With(SyntaxNode flagged, SyntaxNode? acquire, SyntaxNode? lastUse) => new PoolFixTarget(Kind, flagged, acquire, lastUse);

        /// <summary>The rewritten root, or null when the move cannot be proven safe.</summary>
        public SyntaxNode? ApplyTo(SyntaxNode root)
            => Kind == FixProperties.AcquireBeforeTryFix
                ? TryFinallyRewriter.AcquireBeforeTry(root, Flagged)
                : TryFinallyRewriter.ReleaseInFinally(root, Flagged, Acquire!, LastUse?.Span.End ?? -1);

        private static bool TryReadPosition(Diagnostic diagnostic, string key, out int position)
        {
            position = -1;
            return diagnostic.Properties.TryGetValue(key, out var text)
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out position);
        }
    }
}
