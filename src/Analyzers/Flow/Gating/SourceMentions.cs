using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// Whether a word appears anywhere in a compilation's source text (ignoring case): a gate for facts that only
    /// text written in source can make true, such as SQL that must start with a keyword. Read per tree and kept on
    /// the tree, weakly, so a keystroke in the IDE rereads the edited file only; the text is scanned in chunks, never
    /// copied whole.
    /// </summary>
    internal static class SourceMentions
    {
        private const int Chunk = 4096;

        private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string, bool>> ByTree =
            new ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string, bool>>();

        public static bool AnyTree(Compilation compilation, string word, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (Holds(tree, word, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Holds(SyntaxTree tree, string word, CancellationToken cancellationToken)
            => ByTree.GetValue(tree, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal))
                .GetOrAdd(word, w => Scan(tree.GetText(cancellationToken), w));

        private static bool Scan(SourceText text, string word)
        {
            // Chunks overlap by the word's length less one, so a word split across two chunks is still seen.
            var buffer = new char[Chunk + word.Length - 1];
            for (var start = 0; start < text.Length; start += Chunk)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                if (Contains(buffer, count, word))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Contains(char[] buffer, int count, string word)
        {
            for (var i = 0; i + word.Length <= count; i++)
            {
                var j = 0;
                while (j < word.Length && char.ToUpperInvariant(buffer[i + j]) == char.ToUpperInvariant(word[j]))
                {
                    j++;
                }

                if (j == word.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
