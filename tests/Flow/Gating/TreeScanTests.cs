using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Delegates;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Tests.Rules;
using Xunit;

namespace RaceAnalyzers.Tests.Flow.Gating
{
    /// <summary>
    /// The gates read one scan per tree instead of walking each body; the scan skips descending into names,
    /// literals and using directives. Each block's answers must be what a walk of the block itself gives, or a
    /// gate stays shut on a body that holds the evidence.
    /// </summary>
    public sealed class TreeScanTests
    {
        private const string Source = """
using System;
using System.Collections.Generic;
using Sys = System;

namespace Acme
{
    public sealed class Shapes
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>();
        private readonly int[] _sizes = new int[Size()];
        private readonly Func<int> _late = () => Size();
        private readonly Sys.Text.StringBuilder _text = new Sys.Text.StringBuilder();
        private readonly List<int> _implicit = new();

        private static int Size() => 3;

        public int Nested(string key)
        {
            lock (_gate)
            {
                _counts[key] = _counts[key] + Sys::Math.Max(1, Generic<List<int>>(new int[Size()]));
            }

            return ((Func<int>)(() => Size()))();
        }

        public void OnlyAssigns(string key) => _counts[key] = 1;

        public void Guarded(string key)
        {
            try { _counts[key] = 1; }
            finally { _counts.Remove(key); }
        }

        public void AssignsAndChecks(string key)
        {
            if (!_counts.ContainsKey(key))
            {
                _counts[key] = 0;
            }
        }

        public int InLocalFunction()
        {
            return Local();

            int Local()
            {
                lock (_gate)
                {
                    return this?.Nested("x") ?? _sizes[0];
                }
            }
        }

        public int Property
        {
            get { return _sizes[_sizes[0]]; }
            set { _sizes[0] = value; }
        }

        private int _total;

        public event EventHandler? Changed, Closed;

        public event EventHandler Opened { add { Changed += value; } remove { Changed -= value; } }

        public void Wire(Shapes other)
        {
            other.Changed += OnChanged;
            (other.Closed) += (s, e) => Size();
            _total += 1;
        }

        private void OnChanged(object? sender, EventArgs e) { }

        [Obsolete(nameof(Shapes))]
        public T Generic<T>(int[] values) where T : new() => new T();
    }
}
""";

        [Fact]
        public void EveryBlock_GetsFromTheTreeScanWhatAWalkOfTheBlockGives()
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var blocks = tree.GetRoot().DescendantNodes()
                .Where(n => n is BaseMethodDeclarationSyntax || n is AccessorDeclarationSyntax || n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax || n is LocalFunctionStatementSyntax)
                .ToList();
            Assert.True(blocks.Count >= 12, "blocks: " + blocks.Count);

            var scan = TreeScan.Of(tree);
            foreach (var block in blocks)
            {
                var invocations = block.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();
                var names = InvokedNames.Of(block);
                Assert.Equal(invocations.Count, names.Calls);
                Assert.Equal(invocations.Select(NameOf).Where(n => n != null), names.Names);

                Assert.Equal(block.DescendantNodes().OfType<LockStatementSyntax>().Any(), LockWalk.HasLockStatement(block));

                var accesses = block.DescendantNodes().OfType<ElementAccessExpressionSyntax>().ToList();
                int from = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, block.Span.Start), to = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, block.Span.End);
                Assert.Equal(accesses.Count, to - from);
                Assert.Equal(
                    accesses.Select(a => a.Parent is AssignmentExpressionSyntax assignment && assignment.Left == a),
                    Enumerable.Range(from, to - from).Select(i => scan.ElementAccessAssigned[i]));

                Assert.Equal(block.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Select(TypeNameOf).OfType<string>(), names.CreatedTypes);
                Assert.Equal(names.CreatedTypes.Any(), names.Creates);
                Assert.Equal(block.DescendantNodes().OfType<FinallyClauseSyntax>().Any(), scan.HasFinallyIn(block));
            }

            // The scan saw what the source holds: the nested generic call, the alias-qualified call, both locks.
            var nested = blocks.OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Nested");
            Assert.Equal(new[] { "Max", "Generic", "Size", "Size" }, InvokedNames.Of(nested).Names);
            Assert.Equal(2, scan.LockStarts.Length);
            Assert.Single(scan.FinallyStarts);

            // new T(…) by the type's simple name, qualified and generic ones too; new object() (no source constructor),
            // new() and new int[…] name no type.
            Assert.Equal(new[] { "Dictionary", "StringBuilder", "T" }, scan.CreatedTypes);
        }

        [Fact]
        public void EveryFileOfTheCorpus_ScansWhatAWalkOfEveryNodeFinds()
        {
            // The scan skips names, literals and using directives and tells nodes apart by kind. A walk that descends
            // into everything and tells them apart by type is the reference: a record missing means the scan skipped
            // a node that holds one.
            var files = ShortcutCorpus.SourceFiles().SelectMany(group => group).Select(File.ReadAllText).Append(Source).Append(Source.Substring(0, Source.Length / 2));
            var checkedFiles = 0;
            foreach (var text in files)
            {
                var tree = CSharpSyntaxTree.ParseText(text);
                var scan = TreeScan.Walked(tree);
                var nodes = tree.GetRoot().DescendantNodesAndSelf().ToList();

                var invocations = nodes.OfType<InvocationExpressionSyntax>().ToList();
                Assert.Equal(invocations.Select(i => i.SpanStart), scan.InvocationStarts);
                Assert.Equal(invocations.Select(i => InvokedName(i.Expression)), scan.InvocationNames);
                Assert.Equal(nodes.OfType<LockStatementSyntax>().Select(l => l.SpanStart), scan.LockStarts);
                Assert.Equal(nodes.OfType<FinallyClauseSyntax>().Select(f => f.SpanStart), scan.FinallyStarts);
                var accesses = nodes.OfType<ElementAccessExpressionSyntax>().ToList();
                Assert.Equal(accesses.Select(a => a.SpanStart), scan.ElementAccessStarts);
                Assert.Equal(accesses.Select(a => a.Parent is AssignmentExpressionSyntax assignment && assignment.Left == a), scan.ElementAccessAssigned);
                var creations = nodes.OfType<ObjectCreationExpressionSyntax>().Where(c => TypeNameOf(c) != null).ToList();
                Assert.Equal(creations.Select(c => c.SpanStart), scan.CreationStarts);
                Assert.Equal(creations.Select(c => TypeNameOf(c)!), scan.CreatedTypes);
                var subscriptions = nodes.OfType<AssignmentExpressionSyntax>().Where(a => Subscriptions.SubscribedName(a) != null).ToList();
                Assert.Equal(subscriptions.Select(a => a.SpanStart), scan.SubscriptionStarts);
                Assert.Equal(subscriptions.Select(a => Subscriptions.SubscribedName(a)!), scan.SubscribedNames);
                var events = nodes.SelectMany(DeclaredEvents).ToList();
                Assert.Equal(events.Select(e => e.Start), scan.EventStarts);
                Assert.Equal(events.Select(e => e.Name), scan.DeclaredEvents);
                checkedFiles++;
            }

            Assert.True(checkedFiles > 40, checkedFiles + " files");
        }

        private static IEnumerable<(int Start, string Name)> DeclaredEvents(SyntaxNode node) => node switch
        {
            EventFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => (field.SpanStart, v.Identifier.ValueText)),
            EventDeclarationSyntax declaration => new[] { (declaration.SpanStart, declaration.Identifier.ValueText) },
            _ => Enumerable.Empty<(int, string)>(),
        };

        /// <summary>The name a call invokes, through parentheses and alias qualifiers; null for a delegate invoked from a call.</summary>
        private static string? InvokedName(ExpressionSyntax expression) => expression switch
        {
            ParenthesizedExpressionSyntax parenthesized => InvokedName(parenthesized.Expression),
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static string? TypeNameOf(ObjectCreationExpressionSyntax creation) => creation.Type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static string? NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}
