using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The one read of a tree's text that every rule's gate reads: its invocations (by simple name), its <c>lock</c>
    /// statements and <c>finally</c> clauses, its element accesses (<c>d[k]</c>, and whether each is assigned to), its
    /// object creations (<c>new T(…)</c>, by the created type's simple name), its subscriptions (<c>x.E += h</c>, by the
    /// name on the left) and the events it declares, each in document order so a block's share is found by binary
    /// search. Read from tokens, not syntax nodes (<see cref="TokenPatterns"/>): it holds every record a walk of the
    /// nodes would make, each at a position inside the construct, and a few more where tokens cannot tell, which a
    /// gate may only open on. Built once per tree (<see cref="TreeScanBuilder"/>; after a keystroke, mostly copied from
    /// the scan of the version before, <see cref="EditedTreeScan"/>) and never changed after, so gates read it without
    /// locks; syntax trees outlive compilations (the IDE makes a new compilation per keystroke), so it hangs off the
    /// tree, weakly. Before it, the lock and dictionary gates walked every tree's tokens and every body's nodes again
    /// (bench/README.md, issue 28).
    /// </summary>
    internal sealed class TreeScan
    {
        // Lazy: the rules ask about the same block at the same moment on different threads, and the first walk of a
        // tree is the expensive one; the others wait for it instead of walking the tree again.
        private static readonly ConditionalWeakTable<SyntaxTree, Lazy<TreeScan>> Cache = new ConditionalWeakTable<SyntaxTree, Lazy<TreeScan>>();

        public TreeScan(
            int[] invocationStarts, string?[] invocationNames, int[] lockStarts, int[] elementAccessStarts, bool[] elementAccessAssigned,
            int[] creationStarts, string[] createdTypes, int[] subscriptionStarts, string[] subscribedNames, int[] eventStarts, string[] declaredEvents,
            int[] finallyStarts, int reusedNodes)
        {
            InvocationStarts = invocationStarts;
            InvocationNames = invocationNames;
            LockStarts = lockStarts;
            ElementAccessStarts = elementAccessStarts;
            ElementAccessAssigned = elementAccessAssigned;
            CreationStarts = creationStarts;
            CreatedTypes = createdTypes;
            SubscriptionStarts = subscriptionStarts;
            SubscribedNames = subscribedNames;
            EventStarts = eventStarts;
            DeclaredEvents = declaredEvents;
            FinallyStarts = finallyStarts;
            ReusedNodes = reusedNodes;
        }

        /// <summary>Where each invocation's name starts (<c>Save</c> in <c>a.Save(x)</c>); a delegate invocation's, its argument list.</summary>
        public int[] InvocationStarts { get; }

        /// <summary>Each invocation's simple name; null for delegate invocations like <c>f()()</c>.</summary>
        public string?[] InvocationNames { get; }

        /// <summary>Where each <c>lock</c> keyword starts.</summary>
        public int[] LockStarts { get; }

        /// <summary>Where each element access's <c>[</c> starts.</summary>
        public int[] ElementAccessStarts { get; }

        /// <summary>Whether the element access at the same index is the left side of an assignment.</summary>
        public bool[] ElementAccessAssigned { get; }

        /// <summary>Where the <c>new</c> of each <c>new T(…)</c> whose type is named starts (not <c>new()</c> or <c>new[]</c>).</summary>
        public int[] CreationStarts { get; }

        /// <summary>The simple name of the type created at the same index (<c>new A.B&lt;T&gt;()</c> gives B).</summary>
        public string[] CreatedTypes { get; }

        /// <summary>Where the <c>+=</c> of each <c>x += y</c> that may subscribe a handler starts (<see cref="Subscriptions.SubscribedName"/>).</summary>
        public int[] SubscriptionStarts { get; }

        /// <summary>The name on the left of the subscription at the same index (<c>bus.Changed += h</c> gives Changed).</summary>
        public string[] SubscribedNames { get; }

        /// <summary>Where the <c>event</c> keyword of each event declaration starts, once per event declared (<c>event Action A, B;</c> twice).</summary>
        public int[] EventStarts { get; }

        /// <summary>The name of the event declared at the same index.</summary>
        public string[] DeclaredEvents { get; }

        /// <summary>Where each <c>finally</c> keyword starts.</summary>
        public int[] FinallyStarts { get; }

        /// <summary>How many members were copied from an earlier version of the file instead of read (<see cref="EditedTreeScan"/>).</summary>
        public int ReusedNodes { get; }

        public static TreeScan Of(SyntaxTree tree) => Cache.GetValue(tree, t => new Lazy<TreeScan>(() => EditedTreeScan.Build(t))).Value;

        /// <summary>The tree's scan if it is made already; null otherwise (never makes one).</summary>
        public static TreeScan? Scanned(SyntaxTree tree) => Cache.TryGetValue(tree, out var scan) && scan.IsValueCreated ? scan.Value : null;

        /// <summary>A read of the whole tree, with no earlier version used and nothing kept: what an incremental scan must equal.</summary>
        public static TreeScan Walked(SyntaxTree tree)
        {
            var builder = TreeScanBuilder.Start();
            var root = tree.GetRoot();
            builder.Read(root, ScanText.Of(tree, root));
            return builder.Finish();
        }

        /// <summary>The index of the first start at or after <paramref name="position"/> in ascending <paramref name="starts"/>.</summary>
        public static int FirstAtOrAfter(int[] starts, int position)
        {
            int low = 0, high = starts.Length;
            while (low < high)
            {
                var middle = (low + high) >> 1;
                if (starts[middle] < position)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>Whether a <c>lock</c> statement lies inside <paramref name="block"/>.</summary>
        public bool HasLockIn(SyntaxNode block) => AnyIn(LockStarts, block.Span);

        /// <summary>Whether a <c>finally</c> clause lies inside <paramref name="block"/>.</summary>
        public bool HasFinallyIn(SyntaxNode block) => AnyIn(FinallyStarts, block.Span);

        private static bool AnyIn(int[] starts, TextSpan span) => FirstAtOrAfter(starts, span.Start) < FirstAtOrAfter(starts, span.End);
    }
}
