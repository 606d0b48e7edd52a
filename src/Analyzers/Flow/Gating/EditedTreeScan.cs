using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// Builds a tree's <see cref="TreeScan"/> from the scan of an earlier version of the same file when one is still
    /// alive: the IDE reparses a document incrementally after each keystroke, and the members the parser took whole
    /// from the earlier tree (<see cref="SyntaxNode.IsIncrementallyIdenticalTo"/>: the same green node, so the same
    /// text and the same records) are copied, moved to where they start now; only the members that changed are
    /// read. Without an earlier tree (a build, a file opened afresh) the whole tree is read.
    /// </summary>
    internal static class EditedTreeScan
    {
        // The latest trees scanned per file, weakly: enough to find the version a keystroke was made on while the
        // IDE still holds it, without keeping any tree alive.
        private const int KeptPerFile = 8;

        // A compiler server lives through many builds; the paths it has seen are forgotten past this many, which only
        // costs the next edit of each a whole walk.
        private const int MaxFiles = 20000;

        private static readonly ConcurrentDictionary<string, List<WeakReference<SyntaxTree>>> ByPath =
            new ConcurrentDictionary<string, List<WeakReference<SyntaxTree>>>(StringComparer.Ordinal);

        public static TreeScan Build(SyntaxTree tree)
        {
            var builder = TreeScanBuilder.Start();
            var root = tree.GetRoot();
            var text = ScanText.Of(tree, root);
            if (Earlier(tree) is { } earlier)
            {
                Merge(builder, text, earlier.Scan, root, earlier.Tree.GetRoot());
            }
            else
            {
                builder.Read(root, text);
            }

            var scan = builder.Finish();
            Remember(tree);
            return scan;
        }

        /// <summary>
        /// Records <paramref name="now"/>'s children in order: the runs at both ends the parser kept from
        /// <paramref name="before"/> are copied; between them, one changed container on each side is merged the same
        /// way (the edited type in its namespace), anything else is read.
        /// </summary>
        private static void Merge(TreeScanBuilder builder, ScanText text, TreeScan earlier, SyntaxNode now, SyntaxNode before)
        {
            var nowChildren = now.ChildNodes().ToList();
            var beforeChildren = before.ChildNodes().ToList();
            var shorter = Math.Min(nowChildren.Count, beforeChildren.Count);
            var kept = 0;
            while (kept < shorter && nowChildren[kept].IsIncrementallyIdenticalTo(beforeChildren[kept]))
            {
                kept++;
            }

            var keptAtEnd = 0;
            while (keptAtEnd < shorter - kept
                   && nowChildren[nowChildren.Count - 1 - keptAtEnd].IsIncrementallyIdenticalTo(beforeChildren[beforeChildren.Count - 1 - keptAtEnd]))
            {
                keptAtEnd++;
            }

            for (var i = 0; i < kept; i++)
            {
                builder.Copy(earlier, beforeChildren[i], nowChildren[i]);
            }

            var changedNow = nowChildren.Count - kept - keptAtEnd;
            var changedBefore = beforeChildren.Count - kept - keptAtEnd;
            if (changedNow == 1 && changedBefore == 1 && TreeScanBuilder.IsContainer(nowChildren[kept]) && nowChildren[kept].RawKind == beforeChildren[kept].RawKind)
            {
                Merge(builder, text, earlier, nowChildren[kept], beforeChildren[kept]);
            }
            else
            {
                for (var i = kept; i < kept + changedNow; i++)
                {
                    builder.Read(nowChildren[i], text);
                }
            }

            for (var i = 0; i < keptAtEnd; i++)
            {
                builder.Copy(earlier, beforeChildren[changedBefore + kept + i], nowChildren[changedNow + kept + i]);
            }
        }

        private static (SyntaxTree Tree, TreeScan Scan)? Earlier(SyntaxTree tree)
        {
            if (string.IsNullOrEmpty(tree.FilePath) || !ByPath.TryGetValue(tree.FilePath, out var versions))
            {
                return null;
            }

            lock (versions)
            {
                versions.RemoveAll(version => !version.TryGetTarget(out _));
                for (var i = versions.Count - 1; i >= 0; i--)
                {
                    if (versions[i].TryGetTarget(out var earlier) && earlier != tree && TreeScan.Scanned(earlier) is { } scan)
                    {
                        return (earlier, scan);
                    }
                }
            }

            return null;
        }

        private static void Remember(SyntaxTree tree)
        {
            if (string.IsNullOrEmpty(tree.FilePath))
            {
                return;
            }

            if (ByPath.Count >= MaxFiles)
            {
                ByPath.Clear();
            }

            var versions = ByPath.GetOrAdd(tree.FilePath, _ => new List<WeakReference<SyntaxTree>>());
            lock (versions)
            {
                versions.RemoveAll(version => !version.TryGetTarget(out _));
                if (versions.Count == KeptPerFile)
                {
                    versions.RemoveAt(0);
                }

                versions.Add(new WeakReference<SyntaxTree>(tree));
            }
        }
    }
}
