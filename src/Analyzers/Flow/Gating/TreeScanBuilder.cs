using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Flow.Delegates;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// Fills a <see cref="TreeScan"/> in document order: from the nodes of a subtree it walks, or from a run of an
    /// earlier tree's scan it copies, moved to where that run now starts. Its lists are kept per thread, so they grow
    /// to the largest tree once rather than for every tree.
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

        /// <summary>Nodes whose scan was copied from an earlier tree instead of walked (what tests check the copy was used for).</summary>
        public int ReusedNodes { get; private set; }

        /// <summary>This thread's builder, emptied: a scan never starts another on the same thread.</summary>
        public static TreeScanBuilder Start()
        {
            var builder = _perThread ??= new TreeScanBuilder();
            builder.Clear(); // a scan cancelled halfway left its lists filled
            return builder;
        }

        /// <summary>Records <paramref name="subtree"/> and everything in it, in pre-order (a node before the ones nested in it).</summary>
        public void Walk(SyntaxNode subtree)
        {
            foreach (var node in subtree.DescendantNodesAndSelf(MayHoldCode))
            {
                Record(node);
            }
        }

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

        // Descending into these finds nothing the scan records (their children are tokens, types or qualified names),
        // and they are a large share of all nodes. A switch on the kind: a build scans every tree early, while the
        // compiler still JIT-compiles itself and this code runs unoptimized, where each type test is a call.
        private static bool MayHoldCode(SyntaxNode node)
        {
            switch (node.Kind())
            {
                case SyntaxKind.IdentifierName:
                case SyntaxKind.PredefinedType:
                case SyntaxKind.QualifiedName:
                case SyntaxKind.GenericName:
                case SyntaxKind.UsingDirective:
                case SyntaxKind.NumericLiteralExpression:
                case SyntaxKind.StringLiteralExpression:
                case SyntaxKind.Utf8StringLiteralExpression:
                case SyntaxKind.CharacterLiteralExpression:
                case SyntaxKind.TrueLiteralExpression:
                case SyntaxKind.FalseLiteralExpression:
                case SyntaxKind.NullLiteralExpression:
                case SyntaxKind.DefaultLiteralExpression:
                case SyntaxKind.ArgListExpression:
                    return false;
                default:
                    return true;
            }
        }

        private void Record(SyntaxNode node)
        {
            switch (node.Kind())
            {
                case SyntaxKind.InvocationExpression:
                    var invocation = (InvocationExpressionSyntax)node;
                    _invocationStarts.Add(invocation.SpanStart);
                    _invocationNames.Add(NameOf(invocation.Expression));
                    break;
                case SyntaxKind.LockStatement:
                    _lockStarts.Add(node.SpanStart);
                    break;
                case SyntaxKind.FinallyClause:
                    _finallyStarts.Add(node.SpanStart);
                    break;
                case SyntaxKind.ElementAccessExpression:
                    _elementAccessStarts.Add(node.SpanStart);
                    _elementAccessAssigned.Add(node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node);
                    break;
                case SyntaxKind.ObjectCreationExpression:
                    if (TypeNameOf(((ObjectCreationExpressionSyntax)node).Type) is string typeName)
                    {
                        _creationStarts.Add(node.SpanStart);
                        _createdTypes.Add(typeName);
                    }

                    break;
                case SyntaxKind.AddAssignmentExpression:
                    if (Subscriptions.SubscribedName((AssignmentExpressionSyntax)node) is string subscribed)
                    {
                        _subscriptionStarts.Add(node.SpanStart);
                        _subscribedNames.Add(subscribed);
                    }

                    break;
                case SyntaxKind.EventFieldDeclaration:
                    var field = (EventFieldDeclarationSyntax)node;
                    foreach (var variable in field.Declaration.Variables)
                    {
                        _eventStarts.Add(field.SpanStart);
                        _declaredEvents.Add(variable.Identifier.ValueText);
                    }

                    break;
                case SyntaxKind.EventDeclaration:
                    _eventStarts.Add(node.SpanStart);
                    _declaredEvents.Add(((EventDeclarationSyntax)node).Identifier.ValueText);
                    break;
            }
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
