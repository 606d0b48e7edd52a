using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RaceAnalyzers.Tests.Docs;
using Xunit;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>
    /// The package as users get it: packed from the solution, restored by a sample project from a local feed,
    /// built (RACE warnings at the marked lines), repaired by `dotnet format analyzers`, rebuilt clean.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    [Collection(PackedPackageCollection.Name)]
    public sealed class PackageEndToEndTests
    {
        private static readonly Regex Warning = new Regex(@"^(?<file>[^(\s]+\.cs)\((?<line>\d+),\d+\): warning (?<id>RACE\d{3}):", RegexOptions.Multiline);
        private static readonly Regex Marker = new Regex(@"//\s*(?<id>RACE\d{3}):");
        private readonly PackedPackage _package;

        public PackageEndToEndTests(PackedPackage package) => _package = package;

        [Fact]
        public void Pack_ProducesTheAnalyzerPackageAndTheAuditTool()
        {
            var expected = new[] { $"RaceAnalyzers.{_package.Version}.nupkg", $"RaceAnalyzers.Audit.{_package.Version}.nupkg" };
            Assert.Equal(expected.OrderBy(p => p, System.StringComparer.Ordinal), _package.Packages.OrderBy(p => p, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Package_HoldsBothAssembliesUnderAnalyzersAndNoLib()
        {
            using var archive = ZipFile.OpenRead(_package.PackagePath);
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/RaceAnalyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/RaceAnalyzers.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/"));

            Assert.Contains("LICENSE", entries);
            Assert.Contains("icon.png", entries);
            Assert.Contains("buildTransitive/RaceAnalyzers.targets", entries);

            using var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);
            Assert.Equal("RaceAnalyzers", Element("id").Value);
            Assert.Equal("true", Element("developmentDependency").Value);
            Assert.Equal("file", Element("license").Attribute("type")?.Value);
            Assert.Equal("LICENSE", Element("license").Value);
            Assert.Equal("README.md", Element("readme").Value);
            Assert.Equal("icon.png", Element("icon").Value);
            Assert.Equal("https://github.com/RaceAnalyzers/RaceAnalyzers", Element("projectUrl").Value);
            Assert.Equal("git", Element("repository").Attribute("type")?.Value);
            Assert.Equal("https://github.com/RaceAnalyzers/RaceAnalyzers.git", Element("repository").Attribute("url")?.Value);
            Assert.Contains("deadlock", Element("tags").Value.Split(' '));
            Assert.Contains("race-condition", Element("tags").Value.Split(' '));
            Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies" && e.HasElements);
        }

        /// <summary>The icon is a PNG (nuget.org shows nothing else).</summary>
        [Fact]
        public void PackageIcon_IsAPng()
        {
            using var archive = ZipFile.OpenRead(_package.PackagePath);
            using var icon = archive.Entries.Single(e => e.FullName == "icon.png").Open();
            var header = new byte[8];
            icon.ReadExactly(header);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }

        /// <summary>The packed readme is the package page's own (install, presets, rules, links), and every link in it is absolute.</summary>
        [Fact]
        public void PackagedReadme_HasOnlyAbsoluteLinks()
        {
            using var archive = ZipFile.OpenRead(_package.PackagePath);
            using var reader = new StreamReader(archive.Entries.Single(e => e.FullName == "README.md").Open());
            var readme = reader.ReadToEnd();
            var links = Regex.Matches(readme, @"\]\((?<target>[^)]+)\)").Select(m => m.Groups["target"].Value).ToList();
            Assert.Contains(links, link => link.EndsWith("/docs/rules/RACE008.md"));
            Assert.Contains("## Install", readme);
            Assert.Contains("<RaceAnalyzersMode>Strict</RaceAnalyzersMode>", readme);
            Assert.Contains("| [RACE015](https://github.com/RaceAnalyzers/RaceAnalyzers/blob/main/docs/rules/RACE015.md) |", readme);
            Assert.DoesNotContain("## Performance", readme);
            Assert.All(links, link => Assert.True(link.StartsWith("https://") || link.StartsWith("#"), link + " is relative"));
            Assert.DoesNotContain("../shared", readme);
        }

        /// <summary>RaceAnalyzersMode from the package's buildTransitive folder: Strict makes the rules errors, Advisory suggestions (not printed by a command-line build).</summary>
        [Theory]
        [InlineData("Strict", "error", 1)]
        [InlineData("Advisory", null, 0)]
        [InlineData("Default", "warning", 0)]
        public void RaceAnalyzersMode_SetsTheRulesSeverity(string mode, string? shownAs, int exitCode)
        {
            var app = CopySampleConsumingThePackage("MessageQueue");
            var (exit, output) = DotNetCli.Try(app, "build", "-nodeReuse:false", "-p:RaceAnalyzersMode=" + mode);
            Assert.Equal(exitCode, exit == 0 ? 0 : 1);
            foreach (var severity in new[] { "error", "warning" })
            {
                var shown = Regex.IsMatch(output, @"\): " + severity + " RACE00[12]:");
                Assert.True(shown == (severity == shownAs), $"{mode}: {severity} RACE lines shown = {shown}\n{output}");
            }
        }

        [Fact]
        public void UnknownRaceAnalyzersMode_IsReported()
        {
            var app = CopySampleConsumingThePackage("MessageQueue");
            var output = DotNetCli.Run(app, "build", "-nodeReuse:false", "-p:RaceAnalyzersMode=Loud");
            Assert.Contains("RaceAnalyzersMode 'Loud' is not Default, Strict or Advisory", output);
            Assert.Contains("warning RACE001", output);
        }

        /// <summary>The README's CI command writes SARIF 2.1 (what code-scanning services read) with the RACE results in it.</summary>
        [Fact]
        public void ReadmeSarifCommand_WritesSarif21WithTheRaceResults()
        {
            var app = CopySampleConsumingThePackage("MessageQueue");
            DotNetCli.Run(app, "build", "-nodeReuse:false", "-p:ErrorLog=race.sarif%2Cversion=2.1");
            var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "race.sarif"))).RootElement;
            Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
            var ruleIds = sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
            Assert.Contains("RACE001", ruleIds);
            Assert.Contains("RACE002", ruleIds);
            Assert.Contains("-p:ErrorLog=race.sarif%2Cversion=2.1", File.ReadAllText(Path.Combine(DescriptorTests.RepositoryRoot(), "README.md")));
        }

        /// <summary>Each sample, the rules `dotnet format` repairs in it, and a line the fixed code must have in one of its files.</summary>
        public static TheoryData<string, string, string, string> Samples() => new TheoryData<string, string, string, string>
        {
            { "MessageQueue", "RACE001 RACE002", "MessageProcessor.cs", "finally" },
            { "ChatStreaming", "RACE003", "ChatWebSocketHandler.cs", "await _orchestrator.StartStreamingSessionAsync(sessionId, userId, new SocketCallback(ws));" },
            { "InventoryConsumer", "RACE004 RACE005 RACE006 RACE007 RACE008 RACE009 RACE010", "RabbitOrderHandler.cs", "new { order });\n                await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);" },
            { "BrokerLocks", "RACE012", "GroupCommit.cs", "_observer?.OnCommitted(_flushedOffset);" },
        };

        [Theory]
        [MemberData(nameof(Samples))]
        public void Sample_BuildsWithWarningsAtMarkedLines_FormatFixesThem_AndRebuildsClean(string sample, string rules, string fixedFile, string fixedText)
        {
            var app = CopySampleConsumingThePackage(sample);
            var expected = MarkedWarnings(app);
            Assert.NotEmpty(expected);

            var firstBuild = DotNetCli.Run(app, "build", "-nodeReuse:false");
            Assert.Equal(expected, ReportedWarnings(firstBuild, app));

            var project = Path.Combine(app, sample + ".csproj");
            var format = new List<string> { "format", "analyzers", project, "--severity", "warn", "--diagnostics" };
            format.AddRange(rules.Split(' '));
            DotNetCli.Run(app, format.ToArray());

            // What remains are the marked warnings of rules without a fix (or not asked for), at their lines after the fix.
            var secondBuild = DotNetCli.Run(app, "build", "--no-incremental", "-nodeReuse:false");
            var unfixed = new SortedSet<string>(MarkedWarnings(app).Where(w => !rules.Split(' ').Any(rule => w.EndsWith(":" + rule))));
            Assert.Equal(unfixed, ReportedWarnings(secondBuild, app));
            Assert.Contains("0 Error(s)", secondBuild);
            Assert.Contains(fixedText, File.ReadAllText(Path.Combine(app, fixedFile)));

            // Idempotent: a second format run finds nothing left to change.
            format.Add("--verify-no-changes");
            DotNetCli.Run(app, format.ToArray());
        }

        /// <summary>
        /// Fix All at scale: the benchmark's generator writes an API-dense code base with planted races of every
        /// rule; the build reports exactly the planted ones, `dotnet format analyzers` fixes them all, the rebuild has
        /// no error and no RACE warning but those of the rules without a fix, and a second format run changes nothing.
        /// </summary>
        [Fact]
        public void GeneratedCodeBase_BuildsWithThePlantedWarnings_FormatFixesEveryRule_AndRebuildsClean()
        {
            WriteFeedConfiguration();
            var app = Path.Combine(_package.Root, "Generated");
            var repository = DescriptorTests.RepositoryRoot();
            var generation = DotNetCli.Run(repository, "run", "--project", Path.Combine(repository, "bench", "RaceBench"), "-c", "Release", "--",
                "--generate", app, "--lines", "20000", "--api-percent", "100", "--seed", "5");
            var planted = new SortedDictionary<string, int>();
            foreach (Match match in Regex.Matches(generation, @"^(?<id>RACE\d{3}) planted (?<count>\d+)", RegexOptions.Multiline))
            {
                planted[match.Groups["id"].Value] = int.Parse(match.Groups["count"].Value);
            }

            Assert.Equal(new[] { "RACE001", "RACE002", "RACE003", "RACE004", "RACE005", "RACE006", "RACE007", "RACE008", "RACE009", "RACE010", "RACE011", "RACE012", "RACE013" }, planted.Keys);

            var firstBuild = DotNetCli.Run(app, "build", "-nodeReuse:false");
            Assert.Equal(planted, CountByRule(ReportedWarnings(firstBuild, app)));

            // Lock-order cycles and re-entry have no automatic fix (the order to keep is a design decision): they stay, all of them.
            var withoutFix = new SortedDictionary<string, int>(planted.Where(p => p.Key == "RACE011" || p.Key == "RACE013").ToDictionary(p => p.Key, p => p.Value));
            var format = new List<string> { "format", "analyzers", Path.Combine(app, "Generated.csproj"), "--severity", "warn", "--diagnostics" };
            format.AddRange(planted.Keys.Where(id => !withoutFix.ContainsKey(id)));
            DotNetCli.Run(app, format.ToArray());

            var secondBuild = DotNetCli.Run(app, "build", "--no-incremental", "-nodeReuse:false");
            Assert.Equal(withoutFix, CountByRule(ReportedWarnings(secondBuild, app)));
            Assert.Contains("0 Error(s)", secondBuild);

            format.Add("--verify-no-changes");
            DotNetCli.Run(app, format.ToArray());
        }

        private static SortedDictionary<string, int> CountByRule(SortedSet<string> warnings)
        {
            var counts = new SortedDictionary<string, int>();
            foreach (var warning in warnings)
            {
                var id = warning.Substring(warning.LastIndexOf(':') + 1);
                counts[id] = counts.TryGetValue(id, out var count) ? count + 1 : 1;
            }

            return counts;
        }

        /// <summary>Projects under the package root restore RaceAnalyzers at the packed version from the local feed.</summary>
        private void WriteFeedConfiguration()
        {
            File.WriteAllText(Path.Combine(_package.Root, "Directory.Build.props"),
                $"<Project><PropertyGroup><RaceAnalyzersVersion>{_package.Version}</RaceAnalyzersVersion></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(_package.Root, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><add key=\"e2e\" value=\"feed\" /></packageSources></configuration>");
        }

        private string CopySampleConsumingThePackage(string sample)
        {
            var source = Path.Combine(DescriptorTests.RepositoryRoot(), "samples", sample);
            var app = Path.Combine(_package.Root, sample);
            if (Directory.Exists(app))
            {
                Directory.Delete(app, recursive: true);
            }

            Directory.CreateDirectory(app);
            foreach (var file in Directory.GetFiles(source).Where(f => f.EndsWith(".cs") || f.EndsWith(".csproj")))
            {
                File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
            }

            WriteFeedConfiguration();
            return app;
        }

        private static SortedSet<string> MarkedWarnings(string app)
        {
            var expected = new SortedSet<string>();
            foreach (var file in Directory.GetFiles(app, "*.cs"))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var marker = Marker.Match(lines[i]);
                    if (marker.Success)
                    {
                        expected.Add($"{Path.GetFileName(file)}:{i + 1}:{marker.Groups["id"].Value}");
                    }
                }
            }

            return expected;
        }

        private static SortedSet<string> ReportedWarnings(string buildOutput, string app)
        {
            var reported = new SortedSet<string>();
            foreach (Match match in Warning.Matches(buildOutput))
            {
                var file = match.Groups["file"].Value;
                Assert.StartsWith(app, file);
                reported.Add($"{Path.GetFileName(file)}:{match.Groups["line"].Value}:{match.Groups["id"].Value}");
            }

            return reported;
        }
    }
}
