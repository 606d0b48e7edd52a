using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// The simple names a code block invokes (<c>pool.Return(x)</c>, <c>Load&lt;T&gt;()</c>, <c>a?.Commit()</c> give
    /// Return, Load, Commit), read from syntax alone. Rules look here before binding a body: binding every method is
    /// the largest cost an operation-based analyzer adds to a build, and most bodies call nothing a rule knows.
    /// </summary>
    internal sealed class InvokedNames
    {
        // Syntax trees outlive compilations (the IDE makes a new compilation per keystroke), so the cache hangs off
        // the tree, weakly. One table entry per tree, then a lock-free lookup per block: every rule asks for every block.
        private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<SyntaxNode, InvokedNames>> Cache =
            new ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<SyntaxNode, InvokedNames>>();

        private readonly HashSet<string> _names;

        private InvokedNames(HashSet<string> names, int calls)
        {
            _names = names;
            Calls = calls;
        }

        /// <summary>How many invocation expressions the block holds.</summary>
        public int Calls { get; }

        public IEnumerable<string> Names => _names;

        public static InvokedNames Of(SyntaxNode block)
            => Cache.GetValue(block.SyntaxTree, _ => new ConcurrentDictionary<SyntaxNode, InvokedNames>()).GetOrAdd(block, Collect);

        /// <summary>True when some invoked name satisfies <paramref name="predicate"/>.</summary>
        public bool Any(System.Func<string, bool> predicate)
        {
            foreach (var name in _names)
            {
                if (predicate(name))
                {
                    return true;
                }
            }

            return false;
        }

        private static InvokedNames Collect(SyntaxNode block)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var calls = 0;
            foreach (var node in block.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    calls++;
                    var name = NameOf(invocation.Expression);
                    if (name != null)
                    {
                        names.Add(name);
                    }
                }
            }

            return new InvokedNames(names, calls);
        }

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
