using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
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

        private static readonly Regex Expectation = new Regex(@"//\s*expect:\s*(?<ids>RACE\d{3}(\s*,\s*RACE\d{3})*)", RegexOptions.Compiled);

        private readonly ITestOutputHelper _output;

        public HeldOutCorpusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EveryRule_MeetsItsPrecisionAndRecallTargets()
        {
            var scores = new SortedDictionary<string, Score>();
            var findings = new List<string>();
            var files = Directory.GetFiles(Path.Combine(DescriptorTests.RepositoryRoot(), "tests", "HeldOut"), "*.cs").OrderBy(f => f).ToList();
            Assert.NotEmpty(files);

            foreach (var file in files)
            {
                var source = await File.ReadAllTextAsync(file);
                var project = ScratchProject.Create(source);
                var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, Path.GetFileName(file) + " does not compile:\n" + string.Join("\n", errors));

                var expected = ExpectedByLine(source);
                var reported = (await ScratchProject.AnalyzeAsync(project))
                    .Where(d => d.Id.StartsWith("RACE"))
                    .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                    .ToList();

                foreach (var (line, id) in reported)
                {
                    var hit = expected.Remove((line, id));
                    Tally(scores, id).Add(hit);
                    if (!hit)
                    {
                        findings.Add($"false positive {id} at {Path.GetFileName(file)}:{line}");
                    }
                }

                foreach (var (line, id) in expected)
                {
                    Tally(scores, id).Missed++;
                    findings.Add($"missed {id} at {Path.GetFileName(file)}:{line}");
                }
            }

            var report = new StringBuilder("rule     tp  fp  fn  precision  recall\n");
            foreach (var (id, score) in scores)
            {
                report.AppendLine($"{id}  {score.TruePositives,3} {score.FalsePositives,3} {score.Missed,3}  {score.Precision,9:0.000}  {score.Recall,6:0.000}");
            }

            _output.WriteLine(report.ToString());
            _output.WriteLine(string.Join("\n", findings));
            Assert.All(scores, pair => Assert.True(
                pair.Value.Precision >= PrecisionTarget && pair.Value.Recall >= RecallTarget,
                $"{pair.Key} below target\n{report}\n{string.Join("\n", findings)}"));
        }

        private static HashSet<(int Line, string Id)> ExpectedByLine(string source)
        {
            var expected = new HashSet<(int, string)>();
            var lines = source.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Expectation.Match(lines[i]);
                if (match.Success)
                {
                    foreach (var id in match.Groups["ids"].Value.Split(','))
                    {
                        expected.Add((i + 1, id.Trim()));
                    }
                }
            }

            return expected;
        }

        private static Score Tally(SortedDictionary<string, Score> scores, string id)
        {
            if (!scores.TryGetValue(id, out var score))
            {
                scores[id] = score = new Score();
            }

            return score;
        }

        private sealed class Score
        {
            public int TruePositives { get; private set; }

            public int FalsePositives { get; private set; }

            public int Missed { get; set; }

            public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

            public double Recall => TruePositives + Missed == 0 ? 1 : (double)TruePositives / (TruePositives + Missed);

            public void Add(bool truePositive)
            {
                if (truePositive)
                {
                    TruePositives++;
                }
                else
                {
                    FalsePositives++;
                }
            }
        }
    }
}
