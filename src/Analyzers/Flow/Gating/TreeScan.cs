using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Flow.Delegates;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The one walk of a tree's syntax that every rule's gate reads: its invocations (start and simple name), its
    /// <c>lock</c> statements and <c>finally</c> clauses, its element accesses (<c>d[k]</c>, and whether each is the target of an
    /// assignment), its object creations (<c>new T(…)</c>, by the created type's simple name), its subscriptions
    /// (<c>x.E += h</c>, by the name on the left) and the events it declares, each in document order so a block's
    /// share is found by binary search. Built once per tree and
    /// never changed after, so gates read it without locks; syntax trees outlive compilations (the IDE makes a new
    /// compilation per keystroke), so it hangs off the tree, weakly. Before it, the lock and dictionary gates
    /// walked every tree's tokens and every body's nodes again (bench/README.md, issue 28).
    /// </summary>
    internal sealed class TreeScan
    {
        // Lazy: the rules ask about the same block at the same moment on different threads, and the first walk of a
        // tree is the expensive one; the others wait for it instead of walking the tree again.
        private static readonly ConditionalWeakTable<SyntaxTree, Lazy<TreeScan>> Cache = new ConditionalWeakTable<SyntaxTree, Lazy<TreeScan>>();

        // Descending into these finds nothing the scan records (their children are tokens, types or qualified names),
        // and they are a large share of all nodes.
        private static readonly Func<SyntaxNode, bool> MayHoldCode = node =>
            !(node is IdentifierNameSyntax || node is PredefinedTypeSyntax || node is LiteralExpressionSyntax
              || node is QualifiedNameSyntax || node is GenericNameSyntax || node is UsingDirectiveSyntax);

        // What one scan fills, kept per thread so the lists grow to the largest tree once rather than for every tree.
        [ThreadStatic]
        private static Scratch? _scratch;

        private TreeScan(
            int[] invocationStarts, string?[] invocationNames, int[] lockStarts, int[] elementAccessStarts, bool[] elementAccessAssigned,
            int[] creationStarts, string[] createdTypes, int[] subscriptionStarts, string[] subscribedNames, string[] declaredEvents, int[] finallyStarts)
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
            DeclaredEvents = declaredEvents;
            FinallyStarts = finallyStarts;
        }

        public int[] InvocationStarts { get; }

        /// <summary>Each invocation's simple name; null for delegate invocations like <c>f()()</c>.</summary>
        public string?[] InvocationNames { get; }

        public int[] LockStarts { get; }

        public int[] ElementAccessStarts { get; }

        /// <summary>Whether the element access at the same index is the left side of an assignment.</summary>
        public bool[] ElementAccessAssigned { get; }

        /// <summary>The starts of the <c>new T(…)</c> expressions whose type is named (not <c>new()</c> or <c>new[]</c>).</summary>
        public int[] CreationStarts { get; }

        /// <summary>The simple name of the type created at the same index (<c>new A.B&lt;T&gt;()</c> gives B).</summary>
        public string[] CreatedTypes { get; }

        /// <summary>The starts of the <c>x += y</c> that may subscribe a handler (<see cref="Subscriptions.SubscribedName"/>).</summary>
        public int[] SubscriptionStarts { get; }

        /// <summary>The name on the left of the subscription at the same index (<c>bus.Changed += h</c> gives Changed).</summary>
        public string[] SubscribedNames { get; }

        /// <summary>The names of the events the tree declares, once per declaration.</summary>
        public string[] DeclaredEvents { get; }

        /// <summary>The starts of the <c>finally</c> clauses.</summary>
        public int[] FinallyStarts { get; }

        public static TreeScan Of(SyntaxTree tree) => Cache.GetValue(tree, t => new Lazy<TreeScan>(() => Collect(t))).Value;

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

        private static TreeScan Collect(SyntaxTree tree)
        {
            // Pre-order: a node comes before the ones nested in it, so starts never decrease.
            var scratch = _scratch ??= new Scratch();
            scratch.Clear(); // a scan cancelled halfway left its lists filled
            var invocationStarts = scratch.InvocationStarts;
            var invocationNames = scratch.InvocationNames;
            var lockStarts = scratch.LockStarts;
            var elementAccessStarts = scratch.ElementAccessStarts;
            var elementAccessAssigned = scratch.ElementAccessAssigned;
            var creationStarts = scratch.CreationStarts;
            var createdTypes = scratch.CreatedTypes;
            var subscriptionStarts = scratch.SubscriptionStarts;
            var subscribedNames = scratch.SubscribedNames;
            var declaredEvents = scratch.DeclaredEvents;
            var finallyStarts = scratch.FinallyStarts;
            foreach (var node in tree.GetRoot().DescendantNodes(MayHoldCode))
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        invocationStarts.Add(invocation.SpanStart);
                        invocationNames.Add(NameOf(invocation.Expression));
                        break;
                    case LockStatementSyntax statement:
                        lockStarts.Add(statement.SpanStart);
                        break;
                    case FinallyClauseSyntax clause:
                        finallyStarts.Add(clause.SpanStart);
                        break;
                    case ElementAccessExpressionSyntax access:
                        elementAccessStarts.Add(access.SpanStart);
                        elementAccessAssigned.Add(access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access);
                        break;
                    case ObjectCreationExpressionSyntax creation when TypeNameOf(creation.Type) is string typeName:
                        creationStarts.Add(creation.SpanStart);
                        createdTypes.Add(typeName);
                        break;
                    case AssignmentExpressionSyntax compound when Subscriptions.SubscribedName(compound) is string subscribed:
                        subscriptionStarts.Add(compound.SpanStart);
                        subscribedNames.Add(subscribed);
                        break;
                    case EventFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            declaredEvents.Add(variable.Identifier.ValueText);
                        }

                        break;
                    case EventDeclarationSyntax declaration:
                        declaredEvents.Add(declaration.Identifier.ValueText);
                        break;
                }
            }

            var scan = new TreeScan(
                invocationStarts.ToArray(), invocationNames.ToArray(), lockStarts.ToArray(), elementAccessStarts.ToArray(), elementAccessAssigned.ToArray(),
                creationStarts.ToArray(), createdTypes.ToArray(), subscriptionStarts.ToArray(), subscribedNames.ToArray(), declaredEvents.ToArray(), finallyStarts.ToArray());
            scratch.Clear();
            return scan;
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

        private sealed class Scratch
        {
            public List<int> InvocationStarts { get; } = new List<int>();

            public List<string?> InvocationNames { get; } = new List<string?>();

            public List<int> LockStarts { get; } = new List<int>();

            public List<int> ElementAccessStarts { get; } = new List<int>();

            public List<bool> ElementAccessAssigned { get; } = new List<bool>();

            public List<int> CreationStarts { get; } = new List<int>();

            public List<string> CreatedTypes { get; } = new List<string>();

            public List<int> SubscriptionStarts { get; } = new List<int>();

            public List<string> SubscribedNames { get; } = new List<string>();

            public List<string> DeclaredEvents { get; } = new List<string>();

            public List<int> FinallyStarts { get; } = new List<int>();

            public void Clear()
            {
                InvocationStarts.Clear();
                InvocationNames.Clear();
                LockStarts.Clear();
                ElementAccessStarts.Clear();
                ElementAccessAssigned.Clear();
                CreationStarts.Clear();
                CreatedTypes.Clear();
                SubscriptionStarts.Clear();
                SubscribedNames.Clear();
                DeclaredEvents.Clear();
                FinallyStarts.Clear();
            }
        }
    }
}
