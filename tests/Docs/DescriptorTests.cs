using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>Every descriptor: a help link to an existing rule page, an entry in the release tracking files and the README.</summary>
    public sealed class DescriptorTests
    {
        private static readonly DiagnosticDescriptor[] All = PackageAnalyzers.All.SelectMany(a => a.SupportedDiagnostics).ToArray();

        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var id in All.Select(d => d.Id).Distinct())
            {
                data.Add(id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void HelpLink_PointsAtTheRulePageInThisRepository(string id)
        {
            foreach (var descriptor in All.Where(d => d.Id == id))
            {
                const string marker = "/blob/main/";
                var link = descriptor.HelpLinkUri;
                Assert.Contains(marker, link);
                var relative = link.Substring(link.IndexOf(marker, StringComparison.Ordinal) + marker.Length);
                Assert.Equal($"docs/rules/{id}.md", relative);
                Assert.True(File.Exists(Path.Combine(RepositoryRoot(), relative)), $"{relative} does not exist");
            }
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Rule_IsListedInReleaseTrackingAndReadme(string id)
        {
            var root = RepositoryRoot();
            var releases = File.ReadAllText(Path.Combine(root, "src/Analyzers/AnalyzerReleases.Unshipped.md"))
                + File.ReadAllText(Path.Combine(root, "src/Analyzers/AnalyzerReleases.Shipped.md"));
            Assert.Contains(id + " ", releases);
            Assert.Contains(id, File.ReadAllText(Path.Combine(root, "README.md")));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Rule_IsInEveryRaceAnalyzersModePreset(string id)
        {
            foreach (var (preset, severity) in new[] { ("Strict", "error"), ("Advisory", "suggestion") })
            {
                var config = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Package", "buildTransitive", $"RaceAnalyzers.{preset}.globalconfig"));
                Assert.Contains($"dotnet_diagnostic.{id}.severity = {severity}", config);
            }
        }

        [Fact]
        public void DescriptorsSharingAnId_AgreeOnTitleCategoryAndSeverity()
        {
            foreach (var group in All.GroupBy(d => d.Id))
            {
                Assert.Single(group.Select(d => (d.Title.ToString(), d.Category, d.DefaultSeverity)).Distinct());
            }
        }

        internal static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RaceAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("RaceAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
