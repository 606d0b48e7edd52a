using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Gating;
using Xunit;

namespace RaceAnalyzers.Tests.Flow.Gating
{
    /// <summary>
    /// The name gates read method declarations through a snapshot that later compilations (the IDE's next keystroke)
    /// share, minus the trees they replaced and plus their new ones. An edit in another document must change the
    /// answers exactly as a compilation built from scratch would: nothing stale, nothing lost.
    /// </summary>
    public sealed class IncrementalDeclarationsTests
    {
        private const string Caller = "public sealed class Caller { public void Run() { Helper(); } private void Helper() { } }";
        private const string QuietHelper = "public sealed class Helpers { public void Helper() { Noop(); } private void Noop() { } }";
        private const string LoudHelper = "public sealed class Helpers { public void Helper() { Target(); } private void Target() { } }";

        private static bool IsTarget(string name) => name == "Target";

        [Fact]
        public void EditInAnotherDocument_ChangesTheReachOfAnUneditedBody()
        {
            var before = Compilation(QuietHelper);
            var helpers = before.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
            var after = before.ReplaceSyntaxTree(helpers, helpers.WithChangedText(helpers.GetText().Replace(0, helpers.Length, LoudHelper)));
            var run = RunBody(before);

            Assert.False(new NameReach(before, IsTarget).Reaches(run, 1));
            Assert.True(new NameReach(after, IsTarget).Reaches(run, 1));
            Assert.False(new NameReach(after, IsTarget).Reaches(run, 0));
            Assert.False(new NameReach(before, IsTarget).Reaches(run, 1));

            // The unchanged names as before; the edited one from the new tree only.
            Assert.Equal(MethodDeclarations.Of(before).Named("Work3"), MethodDeclarations.Of(after).Named("Work3"));
            var helper = Assert.Single(MethodDeclarations.Of(after).Named("Helper"), d => d.SyntaxTree.FilePath == "Helpers.cs");
            Assert.Same(after.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs"), helper.SyntaxTree);
            Assert.Equal(2, MethodDeclarations.Of(after).Named("Helper").Count);
        }

        [Fact]
        public void RemovedAndAddedDocuments_AreLeftOutAndTakenIn()
        {
            var loud = Compilation(LoudHelper);
            var run = RunBody(loud);
            var removed = loud.RemoveSyntaxTrees(loud.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs"));
            var added = removed.AddSyntaxTrees(CSharpSyntaxTree.ParseText(LoudHelper.Replace("Helpers", "OtherHelpers"), path: "OtherHelpers.cs"));

            Assert.True(new NameReach(loud, IsTarget).Reaches(run, 1));
            Assert.False(new NameReach(removed, IsTarget).Reaches(run, 1));
            Assert.True(new NameReach(added, IsTarget).Reaches(run, 1));
            Assert.Empty(MethodDeclarations.Of(removed).Named("Target"));
        }

        [Fact]
        public void BlockTests_FollowTheEdit()
        {
            var quiet = Compilation(QuietHelper);
            var helpers = quiet.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
            var locking = quiet.ReplaceSyntaxTree(helpers, CSharpSyntaxTree.ParseText(QuietHelper.Replace("Noop();", "lock (this) { Noop(); }"), path: "Helpers.cs"));
            var run = RunBody(quiet);

            Assert.False(new NameReach(quiet, IsTarget, HasLock).Reaches(run, 1));
            Assert.True(new NameReach(locking, IsTarget, HasLock).Reaches(run, 1));
        }

        private static bool HasLock(SyntaxNode block) => block.DescendantNodes().OfType<LockStatementSyntax>().Any();

        /// <summary>A caller, the helpers and enough other documents that an edit changes a small part of the compilation.</summary>
        private static Compilation Compilation(string helpers)
        {
            var fillers = Enumerable.Range(0, 20).Select(i => CSharpSyntaxTree.ParseText(
                $"public sealed class Filler{i} {{ public void Work{i}() {{ Other(); }} private void Other() {{ }} }}", path: $"Filler{i}.cs"));
            return CSharpCompilation.Create(
                "Incremental",
                new[] { CSharpSyntaxTree.ParseText(Caller, path: "Caller.cs"), CSharpSyntaxTree.ParseText(helpers, path: "Helpers.cs") }.Concat(fillers),
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        }

        private static SyntaxNode RunBody(Compilation compilation)
            => compilation.SyntaxTrees.Single(t => t.FilePath == "Caller.cs").GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Run").Body!;
    }
}
