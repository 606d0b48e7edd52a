using System.Linq;
using RaceAnalyzers.Baseline;
using Xunit;

namespace RaceAnalyzers.Tests.Baseline
{
    /// <summary>
    /// The suppressor suppresses exactly the findings the baseline lists: not a new one of the same rule in the same
    /// file or member, not one of another assembly; lines inserted above and a reformat keep a listed one suppressed.
    /// </summary>
    public sealed class BaselineSuppressorTests
    {
        private const string Ledger = """
using System.Collections.Concurrent;
using System.Collections.Generic;
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, int> _reserved = new();
    private readonly ConcurrentDictionary<string, int> _shipped = new();

    public void Reserve(string sku, int quantity)
    {
        _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;
    }

    public void Ship(string sku)
    {
        _shipped.TryAdd(sku, 0);
    }
}
""";

        [Fact]
        public void BaselinedFinding_IsSuppressed_WithTheBaselineJustification()
        {
            var harness = new BaselineHarness("Shop", ("Ledger.cs", Ledger));
            Assert.Equal(new[] { "RACE009 Ledger.cs:10" }, BaselineHarness.Lines(harness.Analyze(null)));

            var baseline = harness.WriteBaseline();

            Assert.Equal(new[] { "RACE009 Ledger.cs:10 (suppressed)" }, BaselineHarness.Lines(harness.Analyze(baseline)));
            var suppression = new BaselineSuppressor().SupportedSuppressions.Single(s => s.SuppressedDiagnosticId == "RACE009");
            Assert.Equal("baseline", suppression.Justification.ToString());
            Assert.Equal("RACE009-BASELINE", suppression.Id);
        }

        [Fact]
        public void NewRaceInTheSameFile_IsStillReported()
        {
            var baseline = new BaselineHarness("Shop", ("Ledger.cs", Ledger)).WriteBaseline();
            var withNewRace = Ledger.Replace("""
        _shipped.TryAdd(sku, 0);
""", """
        _shipped[sku] = _shipped.GetValueOrDefault(sku) + 1;
""");

            var diagnostics = new BaselineHarness("Shop", ("Ledger.cs", withNewRace)).Analyze(baseline);

            Assert.Equal(new[] { "RACE009 Ledger.cs:10 (suppressed)", "RACE009 Ledger.cs:15" }, BaselineHarness.Lines(diagnostics));
        }

        /// <summary>The baseline counts one finding in Reserve: a second one there, with the same operations, is new.</summary>
        [Fact]
        public void SecondOccurrenceInTheSameMember_IsReported()
        {
            var baseline = new BaselineHarness("Shop", ("Ledger.cs", Ledger)).WriteBaseline();
            var twice = Ledger.Replace("""
        _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;
""", """
        _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;
        _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;
""");

            var diagnostics = new BaselineHarness("Shop", ("Ledger.cs", twice)).Analyze(baseline);

            Assert.Equal(new[] { "RACE009 Ledger.cs:10 (suppressed)", "RACE009 Ledger.cs:11" }, BaselineHarness.Lines(diagnostics));
        }

        [Fact]
        public void LinesInsertedAboveAndAReformat_KeepTheBaselinedFindingSuppressed()
        {
            var baseline = new BaselineHarness("Shop", ("Ledger.cs", Ledger)).WriteBaseline();
            var edited = Ledger
                .Replace("public sealed class Ledger\n{\n", "// Stock kept per SKU.\n\n/// <summary>The ledger.</summary>\npublic sealed class Ledger\n{\n    private int _unused;\n\n")
                .Replace("_reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;", "_reserved[sku] =\n            _reserved.GetValueOrDefault( sku )   +   quantity;");

            var diagnostics = new BaselineHarness("Shop", ("Ledger.cs", edited)).Analyze(baseline);

            Assert.Equal(new[] { "RACE009 Ledger.cs:15 (suppressed)" }, BaselineHarness.Lines(diagnostics.Where(d => d.Id == "RACE009")));
            Assert.DoesNotContain(diagnostics, d => d.Id == "RACE015");
        }

        [Fact]
        public void EntryOfAnotherAssembly_SuppressesNothingHere()
        {
            var baseline = new BaselineHarness("Shop", ("Ledger.cs", Ledger)).WriteBaseline();

            var diagnostics = new BaselineHarness("Warehouse", ("Ledger.cs", Ledger)).Analyze(baseline);

            Assert.Equal(new[] { "RACE009 Ledger.cs:10" }, BaselineHarness.Lines(diagnostics));
        }

        [Fact]
        public void RenamedMember_IsANewFinding()
        {
            var baseline = new BaselineHarness("Shop", ("Ledger.cs", Ledger)).WriteBaseline();

            var diagnostics = new BaselineHarness("Shop", ("Ledger.cs", Ledger.Replace("Reserve(", "Hold("))).Analyze(baseline);

            Assert.Contains("RACE009 Ledger.cs:10", BaselineHarness.Lines(diagnostics));
            Assert.Contains(diagnostics, d => d.Id == "RACE015");
        }
    }
}
