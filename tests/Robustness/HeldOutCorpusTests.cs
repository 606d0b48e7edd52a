using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Tests.Docs;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Precision and recall per rule on service code written as services are written (tests/HeldOut), not in the
    /// shapes of the rule tests. A reviewer marks each race with <c>// expect: RACEnnn</c> on the line the
    /// diagnostic should start on; every other line is correct code. Every package analyzer runs on each file
    /// (compiled against the real client libraries); a diagnostic on a marked line with that id is a true
    /// positive, any other is a false positive, a marked line without one is a miss.
    /// </summary>
    public sealed class HeldOutCorpusTests
    {
        private const double PrecisionTarget = 0.97;
        private const double RecallTarget = 0.95;

        private readonly ITestOutputHelper _output;

        public HeldOutCorpusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryRule_MeetsItsPrecisionAndRecallTargets()
        {
            var corpus = new MarkedCorpus();
            var findings = new List<string>();
            var files = Directory.GetFiles(Path.Combine(DescriptorTests.RepositoryRoot(), "tests", "HeldOut"), "*.cs").OrderBy(f => f).ToList();
            Assert.NotEmpty(files);

            foreach (var file in files)
            {
                var source = await File.ReadAllTextAsync(file);
                var project = ScratchProject.Create(source);
                var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, Path.GetFileName(file) + " does not compile:\n" + string.Join("\n", errors));

                var expected = MarkedCorpus.ExpectedByLine(source);
                var reported = (await ScratchProject.AnalyzeAsync(project))
                    .Where(d => d.Id.StartsWith("RACE"))
                    .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                    .ToList();

                foreach (var (line, id) in reported)
                {
                    var hit = expected.Remove((line, id));
                    corpus.Of(id).Add(hit);
                    if (!hit)
                    {
                        findings.Add($"false positive {id} at {Path.GetFileName(file)}:{line}");
                    }
                }

                foreach (var (line, id) in expected)
                {
                    corpus.Of(id).Missed++;
                    findings.Add($"missed {id} at {Path.GetFileName(file)}:{line}");
                }
            }

            var report = corpus.Table(withTotal: false);

            _output.WriteLine(report.ToString());
            _output.WriteLine(string.Join("\n", findings));
            Assert.All(corpus.Scores, pair => Assert.True(
                pair.Value.Precision >= PrecisionTarget && pair.Value.Recall >= RecallTarget,
                $"{pair.Key} below target\n{report}\n{string.Join("\n", findings)}"));
        }
    }
}
