using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// The verifier tests alias, in the style of Microsoft.CodeAnalysis.Testing:
    /// <c>using Verify = CSharpCodeFixVerifier&lt;PooledResourceAnalyzer, MoveIntoFinallyFixer&gt;;</c>.
    /// Sources use the library's markup: <c>{|RACE001:…|}</c> for a diagnostic, <c>{|#0:…|}</c> for a location that
    /// a <see cref="Diagnostic"/> result names.
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        /// <summary>Every rule of the package reports warnings; RACE002 has two descriptors, so results are made from the id.</summary>
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => VerifyAnalyzerAsync(new[] { source }, null, expected);

        public static Task VerifyAnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
            => VerifyAnalyzerAsync(new[] { source }, editorConfig, expected);

        public static Task VerifyAnalyzerAsync(string[] sources, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new RaceTest<TAnalyzer, TFix> { EditorConfig = editorConfig };
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", SourceText.From(sources[i])));
            }

            test.UseConsoleApplicationForTopLevelStatements(sources);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>The diagnostics of <paramref name="source"/>, then the fixed code: one fix at a time and by Fix All at each scope.</summary>
        public static Task VerifyCodeFixAsync(string source, string fixedSource, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new RaceTest<TAnalyzer, TFix> { TestCode = source, FixedCode = fixedSource, EditorConfig = editorConfig };
            test.UseConsoleApplicationForTopLevelStatements(new[] { source });
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>The same for several documents: Fix All at project and solution scope crosses them.</summary>
        public static Task VerifyCodeFixAsync(string[] sources, string[] fixedSources, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new RaceTest<TAnalyzer, TFix> { EditorConfig = editorConfig };
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", SourceText.From(sources[i])));
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", SourceText.From(fixedSources[i])));
            }

            test.UseConsoleApplicationForTopLevelStatements(sources);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>The diagnostics of <paramref name="source"/>, none of which gets a fix (the code stays as it is).</summary>
        public static Task VerifyNoFixAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected)
            => VerifyCodeFixAsync(source, source, editorConfig, expected);
    }

    /// <summary>The verifier for tests of diagnostics alone.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, EmptyCodeFixProvider>.Diagnostic(id);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => CSharpCodeFixVerifier<TAnalyzer, EmptyCodeFixProvider>.VerifyAnalyzerAsync(source, expected);

        public static Task VerifyAnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
            => CSharpCodeFixVerifier<TAnalyzer, EmptyCodeFixProvider>.VerifyAnalyzerAsync(source, editorConfig, expected);

        public static Task VerifyAnalyzerAsync(string[] sources, string? editorConfig = null, params DiagnosticResult[] expected)
            => CSharpCodeFixVerifier<TAnalyzer, EmptyCodeFixProvider>.VerifyAnalyzerAsync(sources, editorConfig, expected);
    }
}
