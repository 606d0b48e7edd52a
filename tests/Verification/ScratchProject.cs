using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// What the testing library does not do, for code that need not compile (half-typed code, mutants) and for
    /// tests that run the fixer's output: a one-document project, every analyzer of the package on it (failing
    /// on an analyzer exception), and the package's fixes applied to it.
    /// </summary>
    internal static class ScratchProject
    {
        public static Project Create(string source, string? editorConfig = null)
        {
            var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
            var projectId = ProjectId.CreateNewId();
            var solution = new AdhocWorkspace().CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Scratch", "Scratch", LanguageNames.CSharp,
                    filePath: "/scratch/Scratch.csproj",
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: parseOptions, metadataReferences: TestReferences.Get()))
                .AddDocument(DocumentId.CreateNewId(projectId), "Scratch.cs", SourceText.From(source), filePath: "/scratch/Scratch.cs")
                .AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig",
                    SourceText.From("root = true\n\n[*.cs]\n" + editorConfig), filePath: "/scratch/.editorconfig");
            return solution.Projects.Single();
        }

        /// <summary>Every analyzer diagnostic; an analyzer exception fails the test.</summary>
        public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
            => AnalyzeAsync(project, analyzers => analyzers.GetAnalyzerDiagnosticsAsync());

        /// <summary>
        /// The analyzer diagnostics of one document (compilation-end ones excepted), cheaper than the whole
        /// project's; an analyzer exception fails the test.
        /// </summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
        {
            var model = (await document.GetSemanticModelAsync())!;
            return await AnalyzeAsync(document.Project, async analyzers =>
                (await analyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, CancellationToken.None))
                    .AddRange(await analyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None)));
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, Func<CompilationWithAnalyzers, Task<ImmutableArray<Diagnostic>>> run)
        {
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                    }
                },
                concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var compilation = (await project.GetCompilationAsync())!;
            var diagnostics = await run(compilation.WithAnalyzers(PackageAnalyzers.All, options));
            Assert.True(exceptions.Count == 0, "Analyzer exception (AD0001):\n" + string.Join("\n", exceptions));
            return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        public static async Task<int> ErrorCountAsync(Project project)
            => (await project.GetCompilationAsync())!.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>The fixes the package offers for <paramref name="diagnostic"/>.</summary>
        public static async Task<List<CodeAction>> FixesForAsync(Project project, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var fixer in PackageAnalyzers.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }

            return actions;
        }

        public static async Task<Project> ApplyAsync(CodeAction action)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.Projects.Single();
        }
    }
}
