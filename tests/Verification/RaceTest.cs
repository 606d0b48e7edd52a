using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// A test of the package on Microsoft.CodeAnalysis.Testing. Sources compile against <see cref="TestReferences"/>
    /// (C# preview, nullable on). Every analyzer and fixer of the package takes part, the ones under test
    /// first: a test sees what a user with the package sees, so it also fails when another rule reports on the same
    /// code. The library fails a test on a missing or unexpected diagnostic, a compiler error, an analyzer exception
    /// (AD0001), fixed code that differs one fix at a time or by Fix All in document, project and solution, and
    /// fixed code that does not compile.
    /// </summary>
    public sealed class RaceTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        public RaceTest()
        {
            ReferenceAssemblies = TestReferences.ReferencePack;

            // RACE002 has two descriptors (released on the normal path only / acquired inside the try): markup names the id.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.AddRange(ClientLibraries.References);
        }

        /// <summary>The <c>[*.cs]</c> section of the project's .editorconfig.</summary>
        public string? EditorConfig
        {
            init
            {
                if (value != null)
                {
                    TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + value));
                }
            }
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Preview);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
            => new DiagnosticAnalyzer[] { new TAnalyzer() }.Concat(PackageAnalyzers.All.Where(a => a.GetType() != typeof(TAnalyzer)));

        protected override IEnumerable<CodeFixProvider> GetCodeFixProviders()
            => new CodeFixProvider[] { new TFix() }.Concat(PackageAnalyzers.Fixers.Where(f => f.GetType() != typeof(TFix)));

        /// <summary>Top-level statements only compile into an executable.</summary>
        public void UseConsoleApplicationForTopLevelStatements(IEnumerable<string> sources)
        {
            if (sources.Any(HasTopLevelStatements))
            {
                TestState.OutputKind = OutputKind.ConsoleApplication;
            }
        }

        private static bool HasTopLevelStatements(string markup)
        {
            TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableArray<TextSpan> _);
            return CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        }
    }
}
