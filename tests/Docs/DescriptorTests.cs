using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>Every descriptor: a help link to an existing rule page in this repository.</summary>
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
