using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The simple names a code block invokes (<c>pool.Return(x)</c>, <c>Load&lt;T&gt;()</c>, <c>a?.Commit()</c> give
    /// Return, Load, Commit), read from the tree's one <see cref="TreeScan"/>. Rules look here before binding a body: binding every method is
    /// the largest cost an operation-based analyzer adds to a build, and most bodies call nothing a rule knows.
    /// </summary>
    internal readonly struct InvokedNames
    {
        private readonly TreeScan _tree;
        private readonly int _from;
        private readonly int _to;

        private readonly int _createdFrom;
        private readonly int _createdTo;

        private InvokedNames(TreeScan tree, int from, int to, int createdFrom, int createdTo)
        {
            _tree = tree;
            _from = from;
            _to = to;
            _createdFrom = createdFrom;
            _createdTo = createdTo;
        }

        /// <summary>The types the block creates with <c>new T(…)</c> (their constructors run there), by simple name.</summary>
        public IEnumerable<string> CreatedTypes
        {
            get
            {
                for (var i = _createdFrom; i < _createdTo; i++)
                {
                    yield return _tree.CreatedTypes[i];
                }
            }
        }

        /// <summary>Whether the block creates an object of a named type (<c>new T(…)</c>).</summary>
        public bool Creates => _createdTo > _createdFrom;

        /// <summary>How many invocation expressions the block holds.</summary>
        public int Calls => _to - _from;

        /// <summary>The invoked names, once per call (so a name may repeat); delegate invocations like <c>f()()</c> have none.</summary>
        public IEnumerable<string> Names
        {
            get
            {
                for (var i = _from; i < _to; i++)
                {
                    if (_tree.InvocationNames[i] is string name)
                    {
                        yield return name;
                    }
                }
            }
        }

        public static InvokedNames Of(SyntaxNode block)
        {
            var tree = TreeScan.Of(block.SyntaxTree);
            var span = block.Span;
            return new InvokedNames(
                tree, TreeScan.FirstAtOrAfter(tree.InvocationStarts, span.Start), TreeScan.FirstAtOrAfter(tree.InvocationStarts, span.End),
                TreeScan.FirstAtOrAfter(tree.CreationStarts, span.Start), TreeScan.FirstAtOrAfter(tree.CreationStarts, span.End));
        }

        /// <summary>True when some invoked name satisfies <paramref name="predicate"/>.</summary>
        public bool Any(Func<string, bool> predicate)
        {
            for (var i = _from; i < _to; i++)
            {
                if (_tree.InvocationNames[i] is string name && predicate(name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
