using System;
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
    /// The gates read one scan per tree instead of walking each body, and the scan reads tokens, not syntax nodes.
    /// Everything a walk of a block's nodes finds must be in the block's share of the scan, or a gate stays shut on a
    /// body that holds the evidence; the few extra records tokens cannot avoid may only open a gate.
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
                Assert.True(names.Calls >= invocations.Count, $"{block}: {names.Calls} calls read, {invocations.Count} in the syntax");
                AssertContains(names.Names, invocations.Select(i => InvokedName(i.Expression)).OfType<string>(), block + ": invoked names");

                Assert.Equal(block.DescendantNodes().OfType<LockStatementSyntax>().Any(), LockWalk.HasLockStatement(block));
                Assert.Equal(block.DescendantNodes().OfType<FinallyClauseSyntax>().Any(), scan.HasFinallyIn(block));

                var accesses = block.DescendantNodes().OfType<ElementAccessExpressionSyntax>().ToList();
                int from = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, block.Span.Start), to = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, block.Span.End);
                Assert.True(to - from >= accesses.Count, block + ": element accesses");
                if (accesses.Any(IsAssigned))
                {
                    Assert.Contains(true, scan.ElementAccessAssigned.Skip(from).Take(to - from));
                }

                AssertContains(names.CreatedTypes, block.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Select(TypeNameOf).OfType<string>(), block + ": created types");
            }

            // This source holds no look-alike the tokens cannot tell apart, so the scan reads exactly what its syntax holds:
            // the nested generic call, the alias-qualified call, both locks, the events and their subscriptions.
            var nested = blocks.OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Nested");
            Assert.Equal(new[] { "Max", "Generic", "Size", "Size" }, InvokedNames.Of(nested).Names);
            Assert.Equal(2, scan.LockStarts.Length);
            Assert.Single(scan.FinallyStarts);
            Assert.Equal(new[] { "Changed", "Closed", "Opened" }, scan.DeclaredEvents);
            Assert.Equal(new[] { "Changed", "Changed", "Closed" }, scan.SubscribedNames);

            // new T(…) by the type's simple name, qualified and generic ones too; new object() (no source constructor),
            // new() and new int[…] name no type.
            Assert.Equal(new[] { "Dictionary", "StringBuilder", "T" }, scan.CreatedTypes);
        }

        [Fact]
        public void EveryFileOfTheCorpus_ScansEveryRecordAWalkOfItsNodesMakes()
        {
            // The reference is a walk of every node, telling constructs apart by their syntax: each record it makes must be
            // in the scan at the same position with the same value, or a gate stays shut on a body that holds the evidence.
            // Tokens cannot tell a few look-alikes apart ((T)(x) from a delegate invocation, a constructor's declaration
            // from a call), and the scan records those too, which only opens a gate; the corpus shows how few.
            var files = ShortcutCorpus.SourceFiles().SelectMany(group => group).Select(File.ReadAllText).Append(Source).Append(Source.Substring(0, Source.Length / 2));
            int checkedFiles = 0, walkedCalls = 0, scannedCalls = 0;
            foreach (var text in files)
            {
                var tree = CSharpSyntaxTree.ParseText(text);
                var scan = TreeScan.Walked(tree);
                var nodes = tree.GetRoot().DescendantNodesAndSelf().ToList();

                var invocations = nodes.OfType<InvocationExpressionSyntax>().Select(i => (NamePosition(i), InvokedName(i.Expression))).ToList();
                AssertContains(scan.InvocationStarts.Zip(scan.InvocationNames, (start, name) => (start, name)), invocations, "invocations");
                walkedCalls += invocations.Count;
                scannedCalls += scan.InvocationStarts.Length;

                Assert.Equal(nodes.OfType<LockStatementSyntax>().Select(l => l.LockKeyword.SpanStart), scan.LockStarts);
                Assert.Equal(nodes.OfType<FinallyClauseSyntax>().Select(f => f.FinallyKeyword.SpanStart), scan.FinallyStarts);

                foreach (var access in nodes.OfType<ElementAccessExpressionSyntax>())
                {
                    var index = Array.IndexOf(scan.ElementAccessStarts, access.ArgumentList.OpenBracketToken.SpanStart);
                    Assert.True(index >= 0, "element access " + access);
                    Assert.True(scan.ElementAccessAssigned[index] || !IsAssigned(access), "assigned " + access);
                }

                var creations = nodes.OfType<ObjectCreationExpressionSyntax>().Where(c => TypeNameOf(c) != null).Select(c => (c.NewKeyword.SpanStart, TypeNameOf(c)!));
                AssertContains(scan.CreationStarts.Zip(scan.CreatedTypes, (start, name) => (start, name)), creations, "creations");
                var subscriptions = nodes.OfType<AssignmentExpressionSyntax>().Where(a => Subscriptions.SubscribedName(a) != null).Select(a => (a.OperatorToken.SpanStart, Subscriptions.SubscribedName(a)!));
                AssertContains(scan.SubscriptionStarts.Zip(scan.SubscribedNames, (start, name) => (start, name)), subscriptions, "subscriptions");
                AssertContains(scan.EventStarts.Zip(scan.DeclaredEvents, (start, name) => (start, name)), nodes.SelectMany(DeclaredEvents), "events");
                checkedFiles++;
            }

            Assert.True(checkedFiles > 40, checkedFiles + " files");
            Assert.True(scannedCalls <= walkedCalls * 1.1, $"{scannedCalls} calls scanned for {walkedCalls} in the syntax");
        }

        [Fact]
        public void LookAlikes_TheTokensCannotTellApart_AreRecordedAndDeclarationsAreNot()
        {
            var tree = CSharpSyntaxTree.ParseText("""
                class C
                {
                    public void Declared() { }
                    int Typed(int x) => x;
                    System.Threading.Tasks.Task<int> Generic<T>() => null;
                    async void Body(object o, int[] values, System.Action<int> run, int count)
                    {
                        var cast = (System.Action)(() => { });
                        int Local() => 1;
                        var ok = await Fetch() is { } && (from v in values select Map(v)).Any();
                        var array = new C[2];
                        values[0] += 1;
                        values[1]++;
                        run += Log;
                        count += 1;
                        var s = $"{Inner($"{Deeper()}")}";
                        Make(o)(values);
                    }
                }
                """);

            var scan = TreeScan.Walked(tree);

            // Not the declarations of Declared, Typed, Generic, Body and Local; the cast reads as a parenthesized name
            // invoked, (a.Action)(…), or a delegate invoked; await Fetch() and select Map(v) are calls; so are calls inside
            // interpolations, nested ones too; Make(o)(values) invokes Make and then a delegate, and o reads as (a.o)(…).
            Assert.Equal(new[] { "Action", null, "Fetch", "Map", "Any", "Inner", "Deeper", "Make", "o", null }, scan.InvocationNames);
            Assert.Empty(scan.CreatedTypes); // new C[2] creates an array
            Assert.Equal(new[] { true, false }, scan.ElementAccessAssigned);
            Assert.Equal(new[] { "run" }, scan.SubscribedNames);
        }

        [Fact]
        public void ConditionalCode_IsReadAsTheParserReadsIt()
        {
            // Each member is lexed on its own, so the symbols the file defines at its top must reach it, as well as the
            // compilation's own.
            const string Conditional = "#define TRACING\nclass C\n{\n    void M()\n    {\n#if TRACING\n        Traced();\n#endif\n#if DEBUG\n        Debugged();\n#else\n        Released();\n#endif\n    }\n}\n";

            var release = TreeScan.Walked(CSharpSyntaxTree.ParseText(Conditional));
            var debug = TreeScan.Walked(CSharpSyntaxTree.ParseText(Conditional, new CSharpParseOptions(preprocessorSymbols: new[] { "DEBUG" })));

            Assert.Equal(new[] { "Traced", "Released" }, release.InvocationNames);
            Assert.Equal(new[] { "Traced", "Debugged" }, debug.InvocationNames);
        }

        /// <summary>Every walked record is among the scanned ones, as many times as it was walked.</summary>
        private static void AssertContains<T>(IEnumerable<T> scanned, IEnumerable<T> walked, string what)
            where T : notnull
        {
            var left = scanned.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
            foreach (var record in walked)
            {
                Assert.True(left.TryGetValue(record, out var count) && count > 0, $"{what}: {record} not scanned");
                left[record] = count - 1;
            }
        }

        private static bool IsAssigned(ElementAccessExpressionSyntax access) => access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access;

        /// <summary>Where the scan places an invocation: its name, or the argument list of a delegate invoked from a call.</summary>
        private static int NamePosition(InvocationExpressionSyntax invocation)
            => NameToken(invocation.Expression) is { } name ? name.SpanStart : invocation.ArgumentList.OpenParenToken.SpanStart;

        private static SyntaxToken? NameToken(ExpressionSyntax expression) => expression switch
        {
            ParenthesizedExpressionSyntax parenthesized => NameToken(parenthesized.Expression),
            AliasQualifiedNameSyntax alias => alias.Name.Identifier,
            MemberAccessExpressionSyntax member => member.Name.Identifier,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier,
            SimpleNameSyntax simple => simple.Identifier,
            _ => null,
        };

        private static IEnumerable<(int Start, string Name)> DeclaredEvents(SyntaxNode node) => node switch
        {
            EventFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => (field.EventKeyword.SpanStart, v.Identifier.ValueText)),
            EventDeclarationSyntax declaration => new[] { (declaration.EventKeyword.SpanStart, declaration.Identifier.ValueText) },
            _ => Enumerable.Empty<(int, string)>(),
        };

        /// <summary>The name a call invokes, through parentheses and alias qualifiers; null for a delegate invoked from a call.</summary>
        private static string? InvokedName(ExpressionSyntax expression) => NameToken(expression)?.ValueText;

        private static string? TypeNameOf(ObjectCreationExpressionSyntax creation) => creation.Type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}
