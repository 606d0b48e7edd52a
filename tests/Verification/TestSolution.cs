using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>An ad-hoc solution of one C# project with the test sources, an .editorconfig, and the real library references.</summary>
    internal static class TestSolution
    {
        public const string ProjectDirectory = "/test/";

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Rules.PooledResourceAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)System.Activator.CreateInstance(t)!)
            .ToImmutableArray();

        public static Solution Create(IReadOnlyList<string> sources, string? editorConfig)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            // Top-level statements only compile into an executable.
            var hasTopLevelStatements = sources.Any(s => CSharpSyntaxTree.ParseText(s, parseOptions).GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
            var compilationOptions = new CSharpCompilationOptions(
                hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable);
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
                    filePath: ProjectDirectory + "Test.csproj",
                    compilationOptions: compilationOptions, parseOptions: parseOptions, metadataReferences: TestReferences.Get()));
            for (var i = 0; i < sources.Count; i++)
            {
                var name = $"Test{i}.cs";
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(sources[i]), filePath: ProjectDirectory + name);
            }

            var config = "root = true\n\n[*.cs]\n" + (editorConfig ?? string.Empty);
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(config), filePath: ProjectDirectory + ".editorconfig");
            return solution;
        }

        /// <summary>Compiler errors in the project; test sources (before and after a fix) must have none.</summary>
        public static async Task AssertCompilesAsync(Project project, string when)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"Compiler errors {when}:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }

        /// <summary>All analyzer diagnostics of the project, failing the test on any analyzer exception.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
            Assert.True(exceptions.Count == 0, "Analyzer exception (AD0001):\n" + string.Join("\n", exceptions));
            var ad0001 = diagnostics.Where(d => d.Id == "AD0001").ToList();
            Assert.True(ad0001.Count == 0, "AD0001:\n" + string.Join("\n", ad0001));
            return diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }
    }
}
