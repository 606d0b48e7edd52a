using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Gating;

namespace RaceAnalyzers.Flow.Delegates
{
    /// <summary>
    /// The events a compilation declares in source and subscribes to with <c>+=</c>, by name, and where a block
    /// mentions one: the syntax gate for "running this body may run a subscriber". Only the declaring type can raise
    /// an event, so a body of this compilation raises only events declared in it; <c>total += amount</c>, a name no
    /// event has, opens nothing (it opened the lock summaries' gate on most bodies of the API-dense bench base).
    /// The names are merged per compilation from the trees' one <see cref="TreeScan"/>; each tree's mentions of them
    /// are read once and kept on the tree while the names stay the same (the IDE's next keystroke).
    /// </summary>
    internal sealed class SubscribedEvents
    {
        private static readonly ConditionalWeakTable<Compilation, Lazy<SubscribedEvents>> ByCompilation =
            new ConditionalWeakTable<Compilation, Lazy<SubscribedEvents>>();

        private static readonly ConditionalWeakTable<SyntaxTree, MentionsHolder> MentionsByTree = new ConditionalWeakTable<SyntaxTree, MentionsHolder>();

        private readonly Compilation _compilation;
        private readonly string[] _names;
        private readonly HashSet<string> _named;

        private SubscribedEvents(Compilation compilation, HashSet<string> named)
        {
            _compilation = compilation;
            _named = named;
            _names = new string[named.Count];
            named.CopyTo(_names);
            Array.Sort(_names, StringComparer.Ordinal);
        }

        public static SubscribedEvents Of(Compilation compilation)
            => ByCompilation.GetValue(compilation, c => new Lazy<SubscribedEvents>(() => Create(c))).Value;

        /// <summary>True when <paramref name="block"/> mentions, by name, a source event that something subscribes to.</summary>
        public bool MentionedIn(SyntaxNode block)
        {
            if (_names.Length == 0)
            {
                return false;
            }

            var starts = MentionStarts(block.SyntaxTree);
            var span = block.Span;
            return TreeScan.FirstAtOrAfter(starts, span.Start) < TreeScan.FirstAtOrAfter(starts, span.End);
        }

        /// <summary>Every <c>x += y</c> of the compilation whose left side has this name (bound by the caller).</summary>
        public List<AssignmentExpressionSyntax> SubscriptionsNamed(string name, CancellationToken cancellationToken)
        {
            var found = new List<AssignmentExpressionSyntax>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var scan = TreeScan.Of(tree);
                for (var i = 0; i < scan.SubscribedNames.Length; i++)
                {
                    if (scan.SubscribedNames[i] == name && SubscriptionAt(tree, scan.SubscriptionStarts[i], name, cancellationToken) is { } subscription)
                    {
                        found.Add(subscription);
                    }
                }
            }

            return found;
        }

        /// <summary>The <c>x += y</c> whose operator starts at <paramref name="start"/> when it subscribes to <paramref name="name"/> (the scan records a few more).</summary>
        private static AssignmentExpressionSyntax? SubscriptionAt(SyntaxTree tree, int start, string name, CancellationToken cancellationToken)
            => tree.GetRoot(cancellationToken).FindToken(start).Parent is AssignmentExpressionSyntax assignment && Subscriptions.SubscribedName(assignment) == name
                ? assignment
                : null;

        private static SubscribedEvents Create(Compilation compilation)
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                declared.UnionWith(TreeScan.Of(tree).DeclaredEvents);
            }

            var named = new HashSet<string>(StringComparer.Ordinal);
            if (declared.Count > 0)
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    foreach (var name in TreeScan.Of(tree).SubscribedNames)
                    {
                        if (declared.Contains(name))
                        {
                            named.Add(name);
                        }
                    }
                }
            }

            return new SubscribedEvents(compilation, named);
        }

        private int[] MentionStarts(SyntaxTree tree)
        {
            var holder = MentionsByTree.GetOrCreateValue(tree);
            var known = holder.Mentions;
            if (known != null && SameNames(known.Names, _names))
            {
                return known.Starts;
            }

            // Pre-order, so the starts ascend.
            var starts = new List<int>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && _named.Contains(identifier.Identifier.ValueText))
                {
                    starts.Add(identifier.SpanStart);
                }
            }

            var mentions = new Mentions(_names, starts.ToArray());
            holder.Mentions = mentions;
            return mentions.Starts;
        }

        private static bool SameNames(string[] a, string[] b)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class MentionsHolder
        {
            // Replaced whole, never changed in place: a reader sees one set of names with its starts.
            public volatile Mentions? Mentions;
        }

        private sealed class Mentions
        {
            public Mentions(string[] names, int[] starts)
            {
                Names = names;
                Starts = starts;
            }

            public string[] Names { get; }

            public int[] Starts { get; }
        }
    }
}
