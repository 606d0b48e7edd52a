using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers
{
    /// <summary>
    /// One walk of a body's operation tree, kept for every rule that asks the same body: its operations in the order
    /// <c>DescendantsAndSelf()</c> yields them (pre-order, children in <c>ChildOperations</c> order), where each
    /// operation's subtree ends, and its invocations. Eight analyzers and the summaries of callees each walked the
    /// same bodies again through Roslyn's iterator, a fifth of the package's time on the API-dense base
    /// (bench/README.md, "One walk per body"); an array read is what each of them pays now.
    /// </summary>
    internal sealed class BodyOperations
    {
        // Keyed weakly by the root: the operation tree, and with it this walk, lives as long as its semantic model.
        private static readonly ConditionalWeakTable<IOperation, BodyOperations> Cache = new ConditionalWeakTable<IOperation, BodyOperations>();
        private static readonly ConditionalWeakTable<IOperation, BodyOperations>.CreateValueCallback Walk = root => new BodyOperations(root);

        private readonly IOperation[] _all;
        private readonly int[] _ends;

        // What one walk builds in, kept per thread: a walk never starts another, and the lists only grow to the largest body.
        [ThreadStatic]
        private static Scratch? _scratch;

        private BodyOperations(IOperation root)
        {
            var scratch = _scratch ??= new Scratch();
            scratch.Clear(); // a walk cancelled halfway left its lists filled
            var all = scratch.All;
            var ends = scratch.Ends;
            var invocations = scratch.Invocations;
            var stack = scratch.Stack;

            // The walk of Roslyn's own Descendants, with each operation's index kept on the stack to close its subtree.
            Enter(root);
            while (stack.Count > 0)
            {
                var (children, index) = stack.Pop();
                if (!children.MoveNext())
                {
                    ends[index] = all.Count;
                    continue;
                }

                stack.Push((children, index));
                if (children.Current is { } child)
                {
                    Enter(child);
                }
            }

            _all = all.ToArray();
            _ends = ends.ToArray();
            Invocations = invocations.ToImmutable();
            scratch.Clear();

            void Enter(IOperation operation)
            {
                if (operation is IInvocationOperation invocation)
                {
                    invocations.Add(invocation);
                }

                stack.Push((operation.ChildOperations.GetEnumerator(), all.Count));
                all.Add(operation);
                ends.Add(-1);
            }
        }

        /// <summary>The walk of the body rooted at <paramref name="root"/>, made once for all rules.</summary>
        public static BodyOperations Of(IOperation root) => Cache.GetValue(root, Walk);

        /// <summary>The root and every operation below it: <c>root.DescendantsAndSelf()</c>.</summary>
        public OperationRange AndSelf => new OperationRange(_all, 0, _all.Length);

        /// <summary>Every operation below the root: <c>root.Descendants()</c>.</summary>
        public OperationRange Descendants => new OperationRange(_all, 1, _all.Length);

        /// <summary>Every invocation in <see cref="AndSelf"/>, in its order, implicit ones included.</summary>
        public ImmutableArray<IInvocationOperation> Invocations { get; }

        /// <summary>
        /// <paramref name="operation"/> and every operation below it (its <c>DescendantsAndSelf()</c>), found at or
        /// after <paramref name="from"/>; empty when it is not part of this body there.
        /// </summary>
        public OperationRange SubtreeOf(IOperation operation, int from = 0)
        {
            for (var index = from; index < _all.Length; index++)
            {
                if (ReferenceEquals(_all[index], operation))
                {
                    return new OperationRange(_all, index, _ends[index]);
                }
            }

            return new OperationRange(_all, 0, 0);
        }

        /// <summary>The lists a walk fills before it keeps them as arrays.</summary>
        private sealed class Scratch
        {
            public List<IOperation> All { get; } = new List<IOperation>();

            public List<int> Ends { get; } = new List<int>();

            public ImmutableArray<IInvocationOperation>.Builder Invocations { get; } = ImmutableArray.CreateBuilder<IInvocationOperation>();

            public Stack<(IOperation.OperationList.Enumerator Children, int Index)> Stack { get; } = new Stack<(IOperation.OperationList.Enumerator Children, int Index)>();

            /// <summary>Empties the lists, so they hold on to no operation tree.</summary>
            public void Clear()
            {
                All.Clear();
                Ends.Clear();
                Invocations.Clear();
                Stack.Clear();
            }
        }
    }

    /// <summary>A run of a body's operations in walk order; enumerates without allocating.</summary>
    internal readonly struct OperationRange
    {
        private readonly IOperation[] _operations;

        public OperationRange(IOperation[] operations, int start, int end)
        {
            _operations = operations;
            Start = start;
            End = end;
        }

        /// <summary>The index of the first operation in the body's walk.</summary>
        public int Start { get; }

        /// <summary>The index just past the last.</summary>
        public int End { get; }

        public Enumerator GetEnumerator() => new Enumerator(_operations, Start, End);

        public struct Enumerator
        {
            private readonly IOperation[] _operations;
            private readonly int _end;
            private int _index;

            public Enumerator(IOperation[] operations, int start, int end)
            {
                _operations = operations;
                _end = end;
                _index = start - 1;
            }

            public IOperation Current => _operations[_index];

            public bool MoveNext() => ++_index < _end;
        }
    }
}
