using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The simple names a code block invokes (<c>pool.Return(x)</c>, <c>Load&lt;T&gt;()</c>, <c>a?.Commit()</c> give
    /// Return, Load, Commit), read from syntax alone. Rules look here before binding a body: binding every method is
    /// the largest cost an operation-based analyzer adds to a build, and most bodies call nothing a rule knows.
    /// </summary>
    internal readonly struct InvokedNames
    {
        private readonly TreeInvocations _tree;
        private readonly int _from;
        private readonly int _to;

        private readonly int _createdFrom;
        private readonly int _createdTo;

        private InvokedNames(TreeInvocations tree, int from, int to, int createdFrom, int createdTo)
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
                    yield return _tree.Created[i];
                }
            }
        }

        /// <summary>How many invocation expressions the block holds.</summary>
        public int Calls => _to - _from;

        /// <summary>The invoked names, once per call (so a name may repeat); delegate invocations like <c>f()()</c> have none.</summary>
        public IEnumerable<string> Names
        {
            get
            {
                for (var i = _from; i < _to; i++)
                {
                    if (_tree.Names[i] is string name)
                    {
                        yield return name;
                    }
                }
            }
        }

        public static InvokedNames Of(SyntaxNode block)
        {
            var tree = TreeInvocations.Of(block.SyntaxTree);
            var span = block.Span;
            return new InvokedNames(
                tree, TreeInvocations.FirstAtOrAfter(tree.Starts, span.Start), TreeInvocations.FirstAtOrAfter(tree.Starts, span.End),
                TreeInvocations.FirstAtOrAfter(tree.CreatedStarts, span.Start), TreeInvocations.FirstAtOrAfter(tree.CreatedStarts, span.End));
        }

        /// <summary>True when some invoked name satisfies <paramref name="predicate"/>.</summary>
        public bool Any(Func<string, bool> predicate)
        {
            for (var i = _from; i < _to; i++)
            {
                if (_tree.Names[i] is string name && predicate(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Every invocation of one tree in document order: its start and its simple name. Built in one walk per tree
        /// and never changed after, so every rule asking about a block reads it without locks. Syntax trees
        /// outlive compilations (the IDE makes a new compilation per keystroke), so it hangs off the tree, weakly.
        /// </summary>
        private sealed class TreeInvocations
        {
            // Lazy: the rules ask about the same block at the same moment on different threads, and the first walk
            // of a tree is the expensive one; the others wait for it instead of walking the tree again.
            private static readonly ConditionalWeakTable<SyntaxTree, Lazy<TreeInvocations>> Cache = new ConditionalWeakTable<SyntaxTree, Lazy<TreeInvocations>>();

            private readonly int[] _starts;

            private TreeInvocations(int[] starts, string?[] names, int[] createdStarts, string[] created)
            {
                _starts = starts;
                Names = names;
                CreatedStarts = createdStarts;
                Created = created;
            }

            public int[] Starts => _starts;

            public int[] CreatedStarts { get; }

            public string[] Created { get; }

            public string?[] Names { get; }

            public static TreeInvocations Of(SyntaxTree tree) => Cache.GetValue(tree, t => new Lazy<TreeInvocations>(() => Collect(t))).Value;

            /// <summary>The index of the first invocation starting at or after <paramref name="position"/>.</summary>
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

            private static TreeInvocations Collect(SyntaxTree tree)
            {
                // Pre-order: an invocation comes before the ones nested in it, so starts never decrease.
                var starts = new List<int>();
                var names = new List<string?>();
                var createdStarts = new List<int>();
                var created = new List<string>();
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        starts.Add(invocation.SpanStart);
                        names.Add(NameOf(invocation.Expression));
                    }
                    else if (node is ObjectCreationExpressionSyntax { Type: var type } && TypeNameOf(type) is string typeName)
                    {
                        createdStarts.Add(node.SpanStart);
                        created.Add(typeName);
                    }
                }

                return new TreeInvocations(starts.ToArray(), names.ToArray(), createdStarts.ToArray(), created.ToArray());
            }

            private static string? TypeNameOf(TypeSyntax type) => type switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            };

            private static string? NameOf(ExpressionSyntax expression)
            {
                switch (expression)
                {
                    case SimpleNameSyntax simple:
                        return simple.Identifier.ValueText;
                    case MemberAccessExpressionSyntax member:
                        return member.Name.Identifier.ValueText;
                    case MemberBindingExpressionSyntax binding:
                        return binding.Name.Identifier.ValueText;
                    case ParenthesizedExpressionSyntax parenthesized:
                        return NameOf(parenthesized.Expression);
                    default:
                        // (expr)() and f()(): delegate invocations, whose target (Invoke) plays no role.
                        return expression.IsKind(SyntaxKind.AliasQualifiedName) ? ((AliasQualifiedNameSyntax)expression).Name.Identifier.ValueText : null;
                }
            }
        }
    }
}
