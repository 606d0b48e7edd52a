using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// A fix described by the syntax nodes it works on (its anchors), so that <see cref="SequentialFixAll"/> can
    /// find them again after earlier fixes in the same document rewrote the tree around them.
    /// </summary>
    internal interface IAnchoredFix
    {
        string Title { get; }

        /// <summary>The nodes the fix needs; null entries are optional nodes that are absent.</summary>
        IReadOnlyList<SyntaxNode?> Anchors { get; }

        /// <summary>The same fix with its anchors as they stand in a later version of the tree (same order).</summary>
        IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors);

        /// <summary>The rewritten root, or null when the move cannot be proven safe.</summary>
        SyntaxNode? ApplyTo(SyntaxNode root);
    }
}
