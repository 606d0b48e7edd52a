using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RaceAnalyzers.Tests.Baseline
{
    /// <summary>
    /// RACE014: a baseline that cannot be read is reported where reading stopped, and suppresses nothing. RACE015: an
    /// entry whose finding is gone (fixed, or its member removed) is reported at its line in the baseline; one that
    /// still matches, or belongs to another assembly, is not.
    /// </summary>
    public sealed class Race014And015BaselineAnalyzerTests
    {
        private const string Racy = """
using System.Collections.Concurrent;
using System.Collections.Generic;

public sealed class Counters
{
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public void Hit(string page)
    {
        _hits[page] = _hits.GetValueOrDefault(page) + 1;
    }

    public void Miss(string page)
    {
        _hits[page] = _hits.GetValueOrDefault(page) - 1;
    }
}
""";

        private static readonly string Fixed = Racy.Replace("_hits[page] = _hits.GetValueOrDefault(page) + 1;", "_hits.AddOrUpdate(page, 1, (_, n) => n + 1);");

        [Fact]
        public void CorruptBaseline_IsReportedWhereReadingStopped_AndSuppressesNothing()
        {
            var harness = new BaselineHarness("Web", ("Counters.cs", Racy));
            var baseline = harness.WriteBaseline();
            var corrupt = baseline.Replace("\"count\": 1,", "\"count\": 1,\n<<<<<<< HEAD", System.StringComparison.Ordinal);

            var diagnostics = harness.Analyze(corrupt);

            var race014 = Assert.Single(diagnostics, d => d.Id == "RACE014");
            Assert.StartsWith("The RaceAnalyzers baseline 'race-baseline.json' cannot be used: it is not JSON:", race014.GetMessage());
            var position = race014.Location.GetLineSpan();
            Assert.Equal(BaselineHarness.BaselinePath, position.Path);
            Assert.Equal(corrupt.Split('\n').ToList().FindIndex(l => l.StartsWith("<<<<<<<")), position.StartLinePosition.Line);
            Assert.Equal(new[] { "RACE009 Counters.cs:10", "RACE009 Counters.cs:15" }, BaselineHarness.Lines(diagnostics.Where(d => d.Id == "RACE009")));
        }

        [Theory]
        [InlineData("{ \"version\": 2, \"findings\": [] }", "its \"version\" is not 1")]
        [InlineData("{ \"version\": 1 }", "it has no \"findings\" array")]
        [InlineData("{ \"version\": 1, \"findings\": [ { \"rule\": \"RACE009\", \"member\": \"M:Counters.Hit(System.String)\" } ] }", "a finding has no \"operations\" string")]
        [InlineData("{ \"version\": 1, \"findings\": [ { \"rule\": \"RACE009\", \"member\": \"\", \"operations\": \"\", \"count\": 0 } ] }", "a finding's \"count\" is not a whole number of at least 1")]
        [InlineData("[]", "it is not a JSON object")]
        public void BaselineThatIsNotOne_IsReported(string text, string problem)
        {
            var diagnostics = new BaselineHarness("Web", ("Counters.cs", Racy)).Analyze(text);

            var race014 = Assert.Single(diagnostics, d => d.Id == "RACE014");
            Assert.Equal($"The RaceAnalyzers baseline 'race-baseline.json' cannot be used: {problem}. No finding is suppressed by it.", race014.GetMessage());
            Assert.Equal(DiagnosticSeverity.Warning, race014.Severity);
        }

        [Fact]
        public void FixedFinding_IsReportedAtItsEntry_AsFixed()
        {
            var baseline = new BaselineHarness("Web", ("Counters.cs", Racy)).WriteBaseline();

            var diagnostics = new BaselineHarness("Web", ("Counters.cs", Fixed)).Analyze(baseline);

            Assert.Equal(new[] { "RACE009 Counters.cs:15 (suppressed)" }, BaselineHarness.Lines(diagnostics.Where(d => d.Id == "RACE009")));
            var race015 = Assert.Single(diagnostics, d => d.Id == "RACE015");
            Assert.Equal(DiagnosticSeverity.Info, race015.Severity);
            Assert.Equal("RACE009 in Counters.Hit(System.String) (at Counters.cs:10 when the baseline was written) is no longer reported: fixed, remove it from the baseline", race015.GetMessage());
            var entryLine = baseline.Split('\n').ToList().FindIndex(l => l.Contains("\"member\": \"M:Counters.Hit(System.String)\"")) - 3;
            Assert.Equal(entryLine, race015.Location.GetLineSpan().StartLinePosition.Line);
        }

        [Fact]
        public void EntriesThatStillMatch_AreNotReported()
        {
            var harness = new BaselineHarness("Web", ("Counters.cs", Racy));

            var diagnostics = harness.Analyze(harness.WriteBaseline());

            Assert.DoesNotContain(diagnostics, d => d.Id == "RACE014" || d.Id == "RACE015");
            Assert.All(diagnostics, d => Assert.True(d.IsSuppressed));
        }

        [Fact]
        public void RemovedMember_IsReportedAsFixed()
        {
            var baseline = new BaselineHarness("Web", ("Counters.cs", Racy)).WriteBaseline();
            var withoutMiss = Racy.Substring(0, Racy.IndexOf("    public void Miss", System.StringComparison.Ordinal)).TrimEnd() + "\n}\n";

            var diagnostics = new BaselineHarness("Web", ("Counters.cs", withoutMiss)).Analyze(baseline);

            var race015 = Assert.Single(diagnostics, d => d.Id == "RACE015");
            Assert.StartsWith("RACE009 in Counters.Miss(System.String) (at Counters.cs:15", race015.GetMessage());
        }

        [Fact]
        public void CountAboveWhatIsFound_AsksToLowerIt()
        {
            var baseline = new BaselineHarness("Web", ("Counters.cs", Racy)).WriteBaseline().Replace("\"count\": 1,", "\"count\": 3,");

            var diagnostics = new BaselineHarness("Web", ("Counters.cs", Racy)).Analyze(baseline);

            Assert.Equal(2, diagnostics.Count(d => d.Id == "RACE015"));
            Assert.All(diagnostics.Where(d => d.Id == "RACE015"), d => Assert.EndsWith("fixed, lower its count to 1", d.GetMessage()));
        }

        [Fact]
        public void EntriesOfAnotherAssembly_AreNotReportedHere()
        {
            var baseline = new BaselineHarness("Web", ("Counters.cs", Racy)).WriteBaseline();

            var diagnostics = new BaselineHarness("Api", ("Other.cs", "public sealed class Other { }")).Analyze(baseline);

            Assert.Empty(diagnostics);
        }
    }
}
