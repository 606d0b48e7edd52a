using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Baseline;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Baseline
{
    /// <summary>
    /// A compilation of some files under /src, every analyzer and the suppressor of the package run on it with a
    /// baseline as an additional file (/src/race-baseline.json), suppressed diagnostics included; an analyzer exception
    /// fails the test. <see cref="WriteBaseline"/> writes the baseline of what the rules find, as race-audit does.
    /// </summary>
    internal sealed class BaselineHarness
    {
        public const string BaselinePath = "/src/race-baseline.json";

        private readonly CSharpCompilation _compilation;

        public BaselineHarness(string assembly, params (string File, string Source)[] files)
        {
            _compilation = CSharpCompilation.Create(
                assembly,
                files.Select(f => CSharpSyntaxTree.ParseText(f.Source, new CSharpParseOptions(LanguageVersion.Preview), path: "/src/" + f.File)),
                TestReferences.Get(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(_compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        /// <summary>Every RACE diagnostic, suppressed ones included, in source order.</summary>
        public ImmutableArray<Diagnostic> Analyze(string? baseline)
        {
            var additional = baseline == null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create<AdditionalText>(new InMemoryText(BaselinePath, baseline));
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additional),
                onAnalyzerException: (exception, analyzer, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(analyzer.GetType().Name + ": " + exception);
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            var diagnostics = _compilation.WithAnalyzers(PackageAnalyzers.All, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            Assert.True(exceptions.Count == 0, "Analyzer exception:\n" + string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Where(d => d.Id.StartsWith("RACE")).OrderBy(d => d, Comparer<Diagnostic>.Create(BaselineSuppressor.InSourceOrder)).ToImmutableArray();
        }

        /// <summary>The baseline of every finding the rules report without one (race-audit --write-baseline).</summary>
        public string WriteBaseline()
        {
            var findings = Analyze(null).Where(d => RuleRecords.Get(d.Id).FindsRaces).ToList();
            Assert.NotEmpty(findings);
            return BaselineEntries.From(
                findings.Select(d => (d, Fingerprint.Of(d, _compilation.AssemblyName!, tree => _compilation.GetSemanticModel(tree)))),
                path => path.Substring("/src/".Length)).Write();
        }

        /// <summary>"RACE009 Ledger.cs:12" for each unsuppressed diagnostic, "RACE009 Ledger.cs:12 (suppressed)" for the others.</summary>
        public static string[] Lines(IEnumerable<Diagnostic> diagnostics)
            => diagnostics.Select(d => $"{d.Id} {System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}{(d.IsSuppressed ? " (suppressed)" : string.Empty)}").ToArray();

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
