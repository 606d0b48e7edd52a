using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Tests.Rules;
using Xunit;

namespace RaceAnalyzers.Tests.Flow.Gating
{
    /// <summary>
    /// After a keystroke the scan of the edited tree is copied from the version before for every member the parser
    /// kept, and walked only where the text changed. Whatever the edit (half-typed code, an opened comment, a brace
    /// that swallows the rest of the file), the scan must be exactly the walk of the whole new tree: a record lost or
    /// misplaced shuts a gate on a body that holds the evidence.
    /// </summary>
    public sealed class EditedTreeScanTests
    {
        private static readonly string[] Typed =
        {
            " ", "x", ";", "{", "}", "(", ")", "\"", "/*", "*/", "//", "\n", "Save();", "lock (_gate) { Save(); }", "_cache[key] = 1;",
            "try { Work(); } finally { Done(); }", "new Pool()", "bus.Changed += OnChanged;", "public event System.Action Ready;",
            "void Added() { Acquire(); }", "class Inserted { void M() { N(); } }", "namespace Opened {", "#if DEBUG", "await ",
        };

        [Fact]
        public void EveryEditOfTheCorpus_ScansAsTheWholeNewTree()
        {
            var random = new Random(20261207);
            int edits = 0, copied = 0;
            foreach (var (path, text) in Corpus())
            {
                var tree = CSharpSyntaxTree.ParseText(SourceText.From(text), path: "edited/" + Guid.NewGuid() + "/" + Path.GetFileName(path));
                TreeScan.Of(tree);
                for (var step = 0; step < 12; step++)
                {
                    var edited = tree.WithChangedText(tree.GetText().WithChanges(RandomEdit(random, tree.GetText())));
                    var scan = TreeScan.Of(edited);
                    AssertSameScan(TreeScan.Walked(edited), scan, $"{path}, edit {step}");
                    edits++;
                    copied += scan.ReusedNodes > 0 ? 1 : 0;
                    tree = edited;
                }
            }

            // The corpus is the real-bug suite, the held-out corpus and the samples; most edits leave members to copy.
            Assert.True(edits > 1000, edits + " edits");
            Assert.True(copied > edits / 2, $"{copied} of {edits} edits copied members");
        }

        [Fact]
        public void AnEditInsideOneMethod_WalksThatMethodAndCopiesTheRest()
        {
            const string Source = """
                namespace Shop
                {
                    public sealed class Orders
                    {
                        private readonly object _gate = new object();
                        public void First() { lock (_gate) { Save(); } }
                        public void Edited() { Save(); }
                        public void Last() { try { Save(); } finally { Done(); } }
                        private void Save() { }
                        private void Done() { }
                    }

                    public sealed class Untouched { public void Run() => new Orders().First(); }
                }
                """;
            var tree = CSharpSyntaxTree.ParseText(Source, path: "edited/" + Guid.NewGuid() + "/Orders.cs");
            TreeScan.Of(tree);
            var at = Source.IndexOf("Save(); }", Source.IndexOf("Edited", StringComparison.Ordinal), StringComparison.Ordinal);
            var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, 0), "Done(); ")));

            var scan = TreeScan.Of(edited);

            AssertSameScan(TreeScan.Walked(edited), scan, "one method edited");

            // At least Orders' field, First, Last, Save and Done, and the class Untouched (the namespace's name too, if the parser kept it).
            Assert.True(scan.ReusedNodes >= 6, scan.ReusedNodes + " copied");
            Assert.Equal(new[] { "Save", "Done", "Save", "Save", "Done", "First" }, scan.InvocationNames);
        }

        [Fact]
        public void AnotherFileOfTheSamePath_IsWalkedAsItIs()
        {
            var path = "edited/" + Guid.NewGuid() + "/Same.cs";
            TreeScan.Of(CSharpSyntaxTree.ParseText("class A { void M() { lock (this) { N(); } } void N() { } }", path: path));
            var other = CSharpSyntaxTree.ParseText("class B { void M() { P(); Q(); } void P() { } void Q() { } }", path: path);

            var scan = TreeScan.Of(other);

            AssertSameScan(TreeScan.Walked(other), scan, "unrelated tree of the same path");
            Assert.Equal(new[] { "P", "Q" }, scan.InvocationNames);
            Assert.Empty(scan.LockStarts);
        }

        private static IEnumerable<(string Path, string Text)> Corpus()
            => ShortcutCorpus.SourceFiles().SelectMany(files => files)
                .OrderBy(file => file, StringComparer.Ordinal)
                .Select(file => (file, File.ReadAllText(file)));

        /// <summary>Typing a snippet at a random place, deleting a random run, or replacing one with a snippet.</summary>
        private static TextChange RandomEdit(Random random, SourceText text)
        {
            var start = random.Next(text.Length + 1);
            var length = random.Next(3) == 0 ? 0 : Math.Min(random.Next(1, 24), text.Length - start);
            var typed = random.Next(4) == 0 ? string.Empty : Typed[random.Next(Typed.Length)];
            return new TextChange(new TextSpan(start, length), typed);
        }

        private static void AssertSameScan(TreeScan expected, TreeScan actual, string where)
        {
            Assert.True(expected.InvocationStarts.SequenceEqual(actual.InvocationStarts), where + ": invocation starts");
            Assert.True(expected.InvocationNames.SequenceEqual(actual.InvocationNames), where + ": invocation names");
            Assert.True(expected.LockStarts.SequenceEqual(actual.LockStarts), where + ": locks");
            Assert.True(expected.FinallyStarts.SequenceEqual(actual.FinallyStarts), where + ": finally clauses");
            Assert.True(expected.ElementAccessStarts.SequenceEqual(actual.ElementAccessStarts), where + ": element accesses");
            Assert.True(expected.ElementAccessAssigned.SequenceEqual(actual.ElementAccessAssigned), where + ": element accesses assigned");
            Assert.True(expected.CreationStarts.SequenceEqual(actual.CreationStarts), where + ": creations");
            Assert.True(expected.CreatedTypes.SequenceEqual(actual.CreatedTypes), where + ": created types");
            Assert.True(expected.SubscriptionStarts.SequenceEqual(actual.SubscriptionStarts), where + ": subscriptions");
            Assert.True(expected.SubscribedNames.SequenceEqual(actual.SubscribedNames), where + ": subscribed names");
            Assert.True(expected.EventStarts.SequenceEqual(actual.EventStarts), where + ": event declarations");
            Assert.True(expected.DeclaredEvents.SequenceEqual(actual.DeclaredEvents), where + ": declared events");
        }
    }
}
