using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RaceAnalyzers.CodeFixes;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>
    /// The rule tables of the README and the package readme, the family table of docs/architecture.md, and each rule page's header (title, category, severities, fixes, options, CWEs, precision, and the
    /// paths of the rule's analyzer, fixers, tests and proofs) are made from the rule records, <see cref="FixTitles"/>
    /// and <see cref="RuleCode"/>. A checked-in file that differs fails the test (see <see cref="GeneratedFile"/>).
    /// </summary>
    public sealed class GeneratedDocsTests
    {
        [Fact]
        public void ReadmeRuleTable_IsGenerated() => CheckSection("README.md", "rule table", RuleTable("docs/rules/"));

        /// <summary>The package page's readme (src/Package/README.md) has the same table, with absolute links (relative ones lead nowhere there).</summary>
        [Fact]
        public void PackageReadmeRuleTable_IsGenerated()
            => CheckSection("src/Package/README.md", "rule table", RuleTable(RuleRecord.HelpLinkBase));

        private static string RuleTable(string pages)
        {
            var table = new StringBuilder("| Id | Title | Severity | Fix |\n|---|---|---|---|\n");
            foreach (var rule in RuleRecords.All)
            {
                table.Append($"| [{rule.Id}]({pages}{rule.Id}.md) | {rule.Title} | {rule.DefaultSeverity} | {Fixes(rule.Id)} |\n");
            }

            return table.ToString();
        }

        [Fact]
        public void ReadmeFamilyTable_IsGenerated()
        {
            var table = new StringBuilder("| Family | Rules | Analyzers | Fixers |\n|---|---|---|---|\n");
            foreach (var family in RuleRecords.All.GroupBy(rule => rule.Family).Where(family => family.First().FindsRaces))
            {
                var ids = family.Select(rule => rule.Id).ToList();
                var fixers = PackageAnalyzers.Fixers.Where(f => f.FixableDiagnosticIds.Any(ids.Contains)).Select(f => f.GetType().Name);
                table.Append($"| {family.Key} | {string.Join(", ", ids)} | {Names(family.Select(rule => rule.Analyzer))} | {Names(fixers)} |\n");
            }

            CheckSection("docs/architecture.md", "family table", table.ToString());
        }

        private static string Names(IEnumerable<string> names)
        {
            var distinct = names.Distinct().OrderBy(name => name, StringComparer.Ordinal).Select(name => "`" + name + "`").ToList();
            return distinct.Count == 0 ? "none" : string.Join(", ", distinct);
        }

        /// <summary>The text of <paramref name="path"/> between <c>&lt;!-- {name}: generated …--&gt;</c> and <c>&lt;!-- end of {name} --&gt;</c>.</summary>
        private static void CheckSection(string path, string name, string content)
        {
            var text = GeneratedFile.Read(path);
            var startMarker = $"<!-- {name}: generated from the rule records (tests/Docs/GeneratedDocsTests) -->\n";
            var endMarker = $"<!-- end of {name} -->";
            var start = text.IndexOf(startMarker, StringComparison.Ordinal);
            var end = text.IndexOf(endMarker, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"{path} has no generated {name} markers");
            GeneratedFile.Check(path, text.Substring(0, start + startMarker.Length) + content + text.Substring(end));
        }

        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var rule in RuleRecords.All)
            {
                data.Add(rule.Id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void RulePageHeader_IsGenerated(string id)
        {
            var rule = RuleRecords.Get(id);
            var path = $"docs/rules/{id}.md";
            var text = GeneratedFile.Read(path);
            var body = text.IndexOf("\n## ", StringComparison.Ordinal);
            Assert.True(body > 0, $"{id}.md has no section after its header");

            var header = new StringBuilder($"# {id}: {rule.Title}\n\n| | |\n|---|---|\n")
                .Append($"| Category | {rule.Category} |\n")
                .Append($"| Severity | {rule.DefaultSeverity} (RaceAnalyzersMode Strict: {rule.StrictSeverity}, Advisory: {rule.AdvisorySeverity}) |\n")
                .Append($"| Fix | {Fixes(id)} |\n")
                .Append($"| Options | {Options(rule)} |\n")
                .Append($"| CWE | {Cwes(rule)} |\n")
                .Append($"| Precision | {rule.Precision} ([how it is measured](../real-bugs.md)) |\n")
                .Append($"| Analyzer | {Links(new[] { RuleCode.Analyzer(rule) })} |\n")
                .Append($"| Fixers | {Links(RuleCode.Fixers(id))} |\n")
                .Append($"| Tests | {Links(RuleCode.Tests(rule))} |\n")
                .Append($"| Proofs | {Links(RuleCode.Proofs(rule))} |\n");
            GeneratedFile.Check(path, header + text.Substring(body));
        }

        private static string Cwes(RuleRecord rule)
            => rule.Cwes.Length == 0 ? "none" : string.Join(", ", rule.Cwes.Select(cwe => $"[{cwe}](https://cwe.mitre.org/data/definitions/{cwe.Substring(4)}.html)"));

        private static string Options(RuleRecord rule)
            => rule.Options.Length > 0 ? string.Join(", ", rule.Options.Select(k => "`" + k + "`")) : "severity only";

        private static string Fixes(string id)
            => FixTitles.ByRule.TryGetValue(id, out var titles) && titles.Length > 0 ? string.Join(" / ", titles) : "none";

        /// <summary>Repository paths as links from docs/rules/.</summary>
        private static string Links(IReadOnlyList<string> paths)
            => paths.Count == 0 ? "none" : string.Join("<br>", paths.Select(path => $"[{path}](../../{path})"));
    }
}
