using System.Text;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>
    /// The RaceAnalyzersMode presets (src/Package/buildTransitive) and the release tracking file of the analyzer
    /// assembly are generated from the rule records; a checked-in file that differs fails (see <see cref="GeneratedFile"/>).
    /// </summary>
    public sealed class GeneratedConfigTests
    {
        [Theory]
        [InlineData("Strict")]
        [InlineData("Advisory")]
        public void ModePreset_IsGenerated(string mode)
        {
            var text = new StringBuilder()
                .Append($"# RaceAnalyzersMode={mode}: each RaceAnalyzers rule at its {mode} severity. A global config of your own\n")
                .Append("# (level 0 or more) or an .editorconfig entry overrides any line of this one.\n")
                .Append("# Generated from src/Analyzers/RuleRecords.cs by tests/Docs/GeneratedConfigTests.\n")
                .Append("is_global = true\nglobal_level = -1\n\n");
            foreach (var rule in RuleRecords.All)
            {
                text.Append($"dotnet_diagnostic.{rule.Id}.severity = {(mode == "Strict" ? rule.StrictSeverity : rule.AdvisorySeverity)}\n");
            }

            GeneratedFile.Check($"src/Package/buildTransitive/RaceAnalyzers.{mode}.globalconfig", text.ToString());
        }

        /// <summary>Every rule is new in the unshipped release until a release is cut (then the rows move to the shipped file).</summary>
        [Fact]
        public void UnshippedReleaseTracking_IsGenerated()
        {
            var text = new StringBuilder()
                .Append("; Unshipped analyzer release\n")
                .Append("; https://github.com/dotnet/roslyn-analyzers/blob/main/src/Microsoft.CodeAnalysis.Analyzers/ReleaseTrackingAnalyzers.Help.md\n")
                .Append("; Generated from src/Analyzers/RuleRecords.cs by tests/Docs/GeneratedConfigTests.\n\n")
                .Append("### New Rules\n\nRule ID | Category | Severity | Notes\n--------|----------|----------|-------\n");
            foreach (var rule in RuleRecords.All)
            {
                text.Append($"{rule.Id} | {rule.Category} | {rule.DefaultSeverity} | {rule.Analyzer}, [Documentation](../../docs/rules/{rule.Id}.md)\n");
            }

            GeneratedFile.Check("src/Analyzers/AnalyzerReleases.Unshipped.md", text.ToString());
        }
    }
}
