using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Locks;
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
