using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace RaceAnalyzers.Tests.Architecture
{
    /// <summary>
    /// The analyzer assembly's layers depend on each other one way: the root vocabulary (roles, names, operation
    /// values, descriptors) at the bottom, then Options, Baseline (the adoption baseline: fingerprints and the file), Sql (SQL text and where ADO.NET keeps it), Knowledge (which
    /// API plays which role), Flow (the engine) and Rules on top. A file may use its own layer and the ones below.
    /// </summary>
    public sealed class LayeringTests
    {
        private static readonly string[] Layers = { "", "Options", "Baseline", "Sql", "Knowledge", "Flow", "Rules" };

        /// <summary>The rule table names each rule's analyzer with nameof (a compile-time name, no call), so it may see Rules.</summary>
        private static readonly string[] NamesAnalyzers = { "RuleRecords.cs" };

        private static readonly Regex UsingRaceAnalyzers = new Regex(@"^using RaceAnalyzers\.(?<ns>[A-Za-z]+)", RegexOptions.Multiline | RegexOptions.Compiled);

        [Fact]
        public void EveryLayer_UsesOnlyItselfAndTheLayersBelow()
        {
            var source = AnalyzerSources.Folder;
            var wrongWay = new List<string>();
            var files = AnalyzerSources.Files();
            Assert.NotEmpty(files);

            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(source, file);
                var folder = relative.Contains(Path.DirectorySeparatorChar) ? relative.Substring(0, relative.IndexOf(Path.DirectorySeparatorChar)) : "";
                var own = Array.IndexOf(Layers, folder);
                Assert.True(own >= 0, relative + " is in a folder no layer names; add it to LayeringTests.Layers");
                if (NamesAnalyzers.Contains(relative))
                {
                    continue;
                }

                foreach (Match used in UsingRaceAnalyzers.Matches(File.ReadAllText(file)))
                {
                    var layer = Array.IndexOf(Layers, used.Groups["ns"].Value);
                    if (layer > own || (own == 0 && layer > 0))
                    {
                        wrongWay.Add(relative + " uses RaceAnalyzers." + used.Groups["ns"].Value);
                    }
                }
            }

            Assert.True(wrongWay.Count == 0, "Dependencies that run upwards:\n" + string.Join("\n", wrongWay));
        }
    }
}
