using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Tests.Docs;
using RaceAnalyzers.Tests.Verification;

namespace RaceAnalyzers.Tests.Rules
{
    /// <summary>
    /// What the tests of the rules' graph shortcuts judge them on: hand-written shapes, and every body of the real-bug
    /// suite, the held-out corpus and the samples, bound against the real client libraries.
    /// </summary>
    internal static class ShortcutCorpus
    {
        private static readonly CSharpParseOptions Parse = new CSharpParseOptions(LanguageVersion.Preview);

        /// <summary>
        /// The corpus's files, grouped as they compile: each file of the real-bug suite and the held-out corpus alone,
        /// each sample project's files together.
        /// </summary>
        public static IEnumerable<string[]> SourceFiles()
        {
            var root = DescriptorTests.RepositoryRoot();
            return Directory.GetFiles(Path.Combine(root, "tests", "RealBugs"), "*.cs")
                .Concat(Directory.GetFiles(Path.Combine(root, "tests", "HeldOut"), "*.cs"))
                .Select(file => new[] { file })
                .Concat(Directory.GetDirectories(Path.Combine(root, "samples")).Select(project => Directory.GetFiles(project, "*.cs")));
        }

        /// <summary>Every method-like body of the corpus, with where it is (file:line).</summary>
        public static IEnumerable<(string Where, Compilation Compilation, IOperation Root)> Bodies()
        {
            foreach (var files in SourceFiles())
            {
                var trees = files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), Parse, file)).ToList();
                var compilation = Compile(trees);
                foreach (var tree in trees)
                {
                    var model = compilation.GetSemanticModel(tree);
                    foreach (var body in tree.GetRoot().DescendantNodes().Where(IsBody))
                    {
                        if (model.GetOperation(body) is { Parent: null } operation)
                        {
                            yield return ($"{Path.GetFileName(tree.FilePath)}:{body.GetLocation().GetLineSpan().StartLinePosition.Line + 1}", compilation, operation);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Judges every body of the corpus: <paramref name="judge"/> gives null for a body the rule asks nothing of,
        /// else whether the shortcut needs the graph and whether the graph finds something. Returns the counts and
        /// where the shortcut skipped a graph that finds something (which must be nowhere).
        /// </summary>
        public static (int Judged, int Skipped, int Found, List<string> Wrong) Agreement(Func<Compilation, IOperation, (bool? NeedsFlow, bool Finds)> judge)
        {
            int judged = 0, skipped = 0, found = 0;
            var wrong = new List<string>();
            foreach (var (where, compilation, root) in Bodies())
            {
                var (needsFlow, finds) = judge(compilation, root);
                if (needsFlow == null)
                {
                    continue;
                }

                judged++;
                found += finds ? 1 : 0;
                skipped += needsFlow == false ? 1 : 0;
                if (needsFlow == false && finds)
                {
                    wrong.Add(where);
                }
            }

            return (judged, skipped, found, wrong);
        }

        /// <summary>A test's source, which must compile, and the bound body of its method <paramref name="method"/>.</summary>
        public static (Compilation Compilation, IOperation Root) Bind(string source, string method)
        {
            var tree = CSharpSyntaxTree.ParseText(source, Parse);
            var compilation = Compile(new[] { tree });
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("the test source does not compile:\n" + string.Join("\n", errors));
            }

            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
            return (compilation, compilation.GetSemanticModel(tree).GetOperation(declaration)!);
        }

        /// <summary>The role sites a rule collects for <paramref name="root"/>, with no options set.</summary>
        public static List<RoleSite> SitesOf(Compilation compilation, IOperation root, Func<ApiCatalog, IRoleSource> roles)
        {
            var options = RaceOptions.For(compilation, NoOptions.Instance);
            var summaries = RoleSummaries.For(compilation, roles(ApiCatalog.For(compilation)), options);
            return RoleSite.Collect(root, ConfiguredMethods.Empty, summaries, options.MaxCallDepthFor(root.Syntax.SyntaxTree));
        }

        private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
            => CSharpCompilation.Create("Shortcuts", trees, TestReferences.Get(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        private static bool IsBody(SyntaxNode node)
            => node is BaseMethodDeclarationSyntax { Body: { } } or BaseMethodDeclarationSyntax { ExpressionBody: { } } or AccessorDeclarationSyntax { Body: { } };
    }
}
