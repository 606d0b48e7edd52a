using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// Fills a <see cref="TreeScan"/> in document order: from the units of a subtree it reads as tokens
    /// (<see cref="ScanText"/>), or from a run of an earlier tree's scan it copies, moved to where that run now
    /// starts. Its lists are kept per thread, so they grow to the largest tree once rather than for every tree.
    /// </summary>
    internal sealed class TreeScanBuilder
    {
        [ThreadStatic]
        private static TreeScanBuilder? _perThread;

        private readonly List<int> _invocationStarts = new List<int>();
        private readonly List<string?> _invocationNames = new List<string?>();
        private readonly List<int> _lockStarts = new List<int>();
        private readonly List<int> _elementAccessStarts = new List<int>();
        private readonly List<bool> _elementAccessAssigned = new List<bool>();
        private readonly List<int> _creationStarts = new List<int>();
        private readonly List<string> _createdTypes = new List<string>();
        private readonly List<int> _subscriptionStarts = new List<int>();
        private readonly List<string> _subscribedNames = new List<string>();
        private readonly List<int> _eventStarts = new List<int>();
        private readonly List<string> _declaredEvents = new List<string>();
        private readonly List<int> _finallyStarts = new List<int>();

        private TreeScanBuilder()
        {
        }

        /// <summary>Nodes whose scan was copied from an earlier tree instead of read (what tests check the copy was used for).</summary>
        public int ReusedNodes { get; private set; }

        /// <summary>This thread's builder, emptied: a scan never starts another on the same thread.</summary>
        public static TreeScanBuilder Start()
        {
            var builder = _perThread ??= new TreeScanBuilder();
            builder.Clear(); // a scan cancelled halfway left its lists filled
            return builder;
        }

        /// <summary>
        /// Records <paramref name="subtree"/>: a namespace or type by each of its child nodes in turn, anything else
        /// by reading its text as tokens. Reading unit by unit makes the records of a member the same whether the
        /// whole tree is read or only the member an edit changed (<see cref="EditedTreeScan"/>).
        /// </summary>
        public void Read(SyntaxNode subtree, ScanText text)
        {
            if (IsContainer(subtree))
            {
                foreach (var child in subtree.ChildNodes())
                {
                    Read(child, text);
                }
            }
            else
            {
                text.Read(subtree, this);
            }
        }

        /// <summary>Nodes the scan records nothing for themselves, whose child nodes are the units copied or read.</summary>
        public static bool IsContainer(SyntaxNode node)
            => node is CompilationUnitSyntax || node is BaseNamespaceDeclarationSyntax || node is TypeDeclarationSyntax;

        /// <summary>
        /// Copies what <paramref name="earlier"/> recorded inside <paramref name="before"/>, a node of its tree that the
        /// new tree reuses whole as <paramref name="now"/> (the same text, so the same records), moved to where it starts now.
        /// </summary>
        public void Copy(TreeScan earlier, SyntaxNode before, SyntaxNode now)
        {
            var span = before.FullSpan;
            var shift = now.FullSpan.Start - span.Start;
            ReusedNodes++;
            CopyRun(earlier.InvocationStarts, earlier.InvocationNames, span, shift, _invocationStarts, _invocationNames);
            CopyRun<bool>(earlier.LockStarts, null, span, shift, _lockStarts, null);
            CopyRun<bool>(earlier.FinallyStarts, null, span, shift, _finallyStarts, null);
            CopyRun(earlier.ElementAccessStarts, earlier.ElementAccessAssigned, span, shift, _elementAccessStarts, _elementAccessAssigned);
            CopyRun(earlier.CreationStarts, earlier.CreatedTypes, span, shift, _creationStarts, _createdTypes);
            CopyRun(earlier.SubscriptionStarts, earlier.SubscribedNames, span, shift, _subscriptionStarts, _subscribedNames);
            CopyRun(earlier.EventStarts, earlier.DeclaredEvents, span, shift, _eventStarts, _declaredEvents);
        }

        /// <summary>Appends the records whose start lies in <paramref name="span"/>, and the values beside them, each start moved by <paramref name="shift"/>.</summary>
        private static void CopyRun<T>(int[] starts, T[]? values, TextSpan span, int shift, List<int> intoStarts, List<T>? intoValues)
        {
            var to = TreeScan.FirstAtOrAfter(starts, span.End);
            for (var i = TreeScan.FirstAtOrAfter(starts, span.Start); i < to; i++)
            {
                intoStarts.Add(starts[i] + shift);
                intoValues?.Add(values![i]);
            }
        }

        // What the readers found, each at the position TreeScan documents for it; they add in document order.
        public void AddInvocation(int position, string? name)
        {
            _invocationStarts.Add(position);
            _invocationNames.Add(name);
        }

        public void AddLock(int position) => _lockStarts.Add(position);

        public void AddFinally(int position) => _finallyStarts.Add(position);

        public void AddElementAccess(int position, bool assigned)
        {
            _elementAccessStarts.Add(position);
            _elementAccessAssigned.Add(assigned);
        }

        public void AddCreation(int position, string typeName)
        {
            _creationStarts.Add(position);
            _createdTypes.Add(typeName);
        }

        public void AddSubscription(int position, string name)
        {
            _subscriptionStarts.Add(position);
            _subscribedNames.Add(name);
        }

        public void AddEvent(int position, string name)
        {
            _eventStarts.Add(position);
            _declaredEvents.Add(name);
        }

        /// <summary>The scan recorded so far; the builder is emptied, holding on to no tree's names.</summary>
        public TreeScan Finish()
        {
            var scan = new TreeScan(
                _invocationStarts.ToArray(), _invocationNames.ToArray(), _lockStarts.ToArray(), _elementAccessStarts.ToArray(), _elementAccessAssigned.ToArray(),
                _creationStarts.ToArray(), _createdTypes.ToArray(), _subscriptionStarts.ToArray(), _subscribedNames.ToArray(),
                _eventStarts.ToArray(), _declaredEvents.ToArray(), _finallyStarts.ToArray(), ReusedNodes);
            Clear();
            return scan;
        }

        private void Clear()
        {
            ReusedNodes = 0;
            _invocationStarts.Clear();
            _invocationNames.Clear();
            _lockStarts.Clear();
            _elementAccessStarts.Clear();
            _elementAccessAssigned.Clear();
            _creationStarts.Clear();
            _createdTypes.Clear();
            _subscriptionStarts.Clear();
            _subscribedNames.Clear();
            _eventStarts.Clear();
            _declaredEvents.Clear();
            _finallyStarts.Clear();
        }
    }
}
