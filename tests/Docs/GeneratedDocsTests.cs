using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RaceAnalyzers.CodeFixes;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>
    /// The README's rule table and each rule page's header (title, category, severity, fixes, analyzers, options)
    /// are made from the descriptors, the analyzers, <see cref="FixTitles"/> and the option keys each rule reads. A checked-in file that differs fails the
    /// test; <c>RACE_WRITE_DOCS=1 dotnet test tests --filter FullyQualifiedName~GeneratedDocs</c> rewrites them.
    /// </summary>
    public sealed class GeneratedDocsTests
    {
        private const string TableStart = "<!-- rule table: generated from the descriptors (tests/Docs/GeneratedDocsTests) -->";
        private const string TableEnd = "<!-- end of rule table -->";
        private const string Regenerate = "Regenerate with: RACE_WRITE_DOCS=1 dotnet test tests --filter FullyQualifiedName~GeneratedDocs";

        private static bool Write => Environment.GetEnvironmentVariable("RACE_WRITE_DOCS") == "1";

        private static readonly IReadOnlyList<Rule> Rules = PackageAnalyzers.All
            .SelectMany(analyzer => analyzer.SupportedDiagnostics.Select(descriptor => (analyzer, descriptor)))
            .GroupBy(pair => pair.descriptor.Id)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new Rule(
                group.Key,
                group.First().descriptor.Title.ToString(),
                group.First().descriptor.Category,
                group.First().descriptor.DefaultSeverity.ToString(),
                group.Select(pair => pair.analyzer.GetType().Name).Distinct().OrderBy(name => name, StringComparer.Ordinal).ToArray()))
            .ToList();

        [Fact]
        public void ReadmeRuleTable_IsGenerated()
        {
            var path = Path.Combine(DescriptorTests.RepositoryRoot(), "README.md");
            var text = File.ReadAllText(path);
            var start = text.IndexOf(TableStart, StringComparison.Ordinal);
            var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "README.md has no generated rule table markers");

            var table = new StringBuilder(TableStart).Append('\n').Append("| Id | Title | Severity | Fix |\n|---|---|---|---|\n");
            foreach (var rule in Rules)
            {
                table.Append($"| [{rule.Id}](docs/rules/{rule.Id}.md) | {rule.Title} | {rule.Severity} | {Fixes(rule.Id)} |\n");
            }

            Check(path, text, text.Substring(0, start) + table + text.Substring(end));
        }

        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var rule in Rules)
            {
                data.Add(rule.Id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void RulePageHeader_IsGenerated(string id)
        {
            var rule = Rules.Single(r => r.Id == id);
            var path = Path.Combine(DescriptorTests.RepositoryRoot(), "docs", "rules", id + ".md");
            var text = File.ReadAllText(path).Replace("\r\n", "\n");
            var body = text.IndexOf("\n## ", StringComparison.Ordinal);
            Assert.True(body > 0, $"{id}.md has no section after its header");

            var header = $"# {id}: {rule.Title}\n\n| | |\n|---|---|\n| Category | {rule.Category} |\n| Severity | {rule.Severity} |\n"
                         + $"| Fix | {Fixes(id)} |\n| Analyzer | {string.Join(", ", rule.Analyzers.Select(a => "`" + a + "`"))} |\n"
                         + $"| Options | {Options(id)} |\n";
            Check(path, text, header + text.Substring(body));
        }

        private static string Options(string id)
            => RaceAnalyzers.Options.OptionKeys.ByRule.TryGetValue(id, out var keys) && keys.Length > 0
                ? string.Join(", ", keys.Select(k => "`" + k + "`"))
                : "severity only";

        private static string Fixes(string id)
            => FixTitles.ByRule.TryGetValue(id, out var titles) && titles.Length > 0 ? string.Join(" / ", titles) : "none";

        private static void Check(string path, string actual, string expected)
        {
            if (actual == expected)
            {
                return;
            }

            if (Write)
            {
                File.WriteAllText(path, expected);
                return;
            }

            Assert.Fail($"{path} differs from what the descriptors generate. {Regenerate}");
        }

        private sealed record Rule(string Id, string Title, string Category, string Severity, string[] Analyzers);
    }
}
