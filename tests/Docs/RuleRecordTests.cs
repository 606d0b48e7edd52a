using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.CodeFixes;
using RaceAnalyzers.Options;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>The rule records agree with what the package ships: descriptors, analyzers, fixers and fix titles.</summary>
    public sealed class RuleRecordTests
    {
        private static readonly DiagnosticDescriptor[] Descriptors = PackageAnalyzers.All.SelectMany(a => a.SupportedDiagnostics).Distinct().ToArray();

        [Fact]
        public void Records_AreOnePerIdInIdOrder()
        {
            var ids = RuleRecords.All.Select(r => r.Id).ToArray();
            Assert.Equal(ids.Distinct().OrderBy(id => id, StringComparer.Ordinal), ids);
        }

        [Fact]
        public void EveryDescriptor_IsMadeFromItsRecord()
        {
            foreach (var descriptor in Descriptors)
            {
                var rule = RuleRecords.Get(descriptor.Id);
                Assert.Equal(rule.Title, descriptor.Title.ToString());
                Assert.Equal(rule.Category, descriptor.Category);
                Assert.Equal(rule.DefaultSeverity, descriptor.DefaultSeverity);
                Assert.Equal(rule.HelpLinkUri, descriptor.HelpLinkUri);
                Assert.Equal(rule.CompilationEnd, descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
            }
        }

        [Fact]
        public void EveryRecord_IsReportedByTheAnalyzerItNames()
        {
            foreach (var rule in RuleRecords.All)
            {
                var analyzers = PackageAnalyzers.All.Where(a => a.SupportedDiagnostics.Any(d => d.Id == rule.Id)).Select(a => a.GetType().Name);
                Assert.Equal(new[] { rule.Analyzer }, analyzers);
            }
        }

        /// <summary>The titles live in the fixers' assembly; they must name exactly the records, and exactly the ids some fixer fixes.</summary>
        [Fact]
        public void FixTitles_AgreeWithTheRecordsAndTheFixers()
        {
            Assert.Equal(RuleRecords.All.Select(r => r.Id), FixTitles.ByRule.Keys.OrderBy(id => id, StringComparer.Ordinal));
            var fixable = PackageAnalyzers.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
            Assert.Subset(RuleRecords.All.Select(r => r.Id).ToHashSet(), fixable);
            foreach (var rule in RuleRecords.All)
            {
                Assert.True(fixable.Contains(rule.Id) == FixTitles.ByRule[rule.Id].Length > 0, $"{rule.Id}: fix titles and fixers disagree");
            }
        }

        [Fact]
        public void RecordOptions_AreKeysThePackageReads()
        {
            foreach (var key in RuleRecords.All.SelectMany(r => r.Options))
            {
                Assert.True(OptionKeys.All.Contains(key) || key == OptionKeys.Prefix + "*", key);
            }
        }
    }
}
