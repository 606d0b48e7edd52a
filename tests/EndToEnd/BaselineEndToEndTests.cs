using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>
    /// Adopting the package on code with findings, as docs/adopting.md tells it, from the packed package and the installed
    /// race-audit: write the baseline, the rebuild reports nothing (the finding is suppressed, SARIF says so), a new race
    /// in the same file is reported while lines inserted above keep the old one suppressed, race-audit --baseline exits 0
    /// with only unchanged findings and 1 with a new one, a fixed finding is reported as fixed-in-baseline (RACE015), and a
    /// corrupt baseline is reported (RACE014) and suppresses nothing.
    /// </summary>
    [Trait("Category", "EndToEnd")]
    [Collection(PackedPackageCollection.Name)]
    public sealed class BaselineEndToEndTests
    {
        private const string Counters = """
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Adopt;

public sealed class Counters
{
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public async Task HitAsync(string page)
    {
        await Task.Yield();
        _hits[page] = _hits.GetValueOrDefault(page) + 1;
    }

    public void Miss(string page)
    {
        _hits.TryAdd(page, 0);
    }
}
""";

        private static readonly Regex RaceLine = new Regex(@"^\s*(?<file>[^(\s]+)\((?<line>\d+),\d+\): (?<severity>warning|info|error) (?<id>RACE\d{3}):", RegexOptions.Multiline);

        private readonly PackedPackage _package;
        private readonly string _tool;

        public BaselineEndToEndTests(PackedPackage package)
        {
            _package = package;
            _tool = package.AuditTool();
        }

        [Fact]
        public void Baseline_SuppressesExactlyTheListedFindings_FromWriteToFixed()
        {
            var app = WriteProject();
            var source = Path.Combine(app, "Counters.cs");
            var project = Path.Combine(app, "Adopt.csproj");
            Assert.Equal(new[] { "Counters.cs:14 warning RACE009" }, Build(app));

            var (written, writeLog) = DotNetCli.TryProgram(_tool, app, project, "--write-baseline", "race-baseline.json", "--out", "report");
            Assert.True(written == 0, $"--write-baseline exited with {written}.\n{writeLog}");
            var baseline = File.ReadAllText(Path.Combine(app, "race-baseline.json"));
            Assert.Contains("\"member\": \"M:Adopt.Counters.HitAsync(System.String)~System.Threading.Tasks.Task\"", baseline);
            Assert.Contains("\"file\": \"Counters.cs\",\n      \"line\": 14,", baseline);

            // Rebuilt with the baseline: nothing reported; the SARIF log has the finding, suppressed with the justification.
            Assert.Empty(Build(app, "-p:ErrorLog=race.sarif%2Cversion=2.1"));
            var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "race.sarif"))).RootElement.GetProperty("runs")[0].GetProperty("results")
                .EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "RACE009");
            var suppression = result.GetProperty("suppressions")[0].GetProperty("properties").GetProperty("suppressionType").GetString();
            Assert.Contains("Suppression Id: RACE009-BASELINE, Suppression Justification: baseline", suppression);
            Assert.Equal(0, Audit(app, project).ExitCode);

            // Lines inserted above and a new race in the same file: only the new one is reported, by the build and by race-audit.
            File.WriteAllText(source, Counters
                .Replace("public sealed class Counters\n{\n", "/// <summary>Page counters.</summary>\npublic sealed class Counters\n{\n    private readonly object _unused = new();\n\n")
                .Replace("_hits.TryAdd(page, 0);", "_hits[page] = _hits.GetValueOrDefault(page) - 1;"));
            Assert.Equal(new[] { "Counters.cs:22 warning RACE009" }, Build(app));
            var (exitCode, sarif) = Audit(app, project);
            Assert.Equal(1, exitCode);
            Assert.Equal(new[] { "unchanged:17", "new:22" }, sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("baselineState").GetString() + ":" + r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()));

            // The baselined race fixed (and the new one too): the entry is reported as fixed, at its line in the baseline, as
            // information (a note in SARIF; command-line builds print warnings and errors only).
            File.WriteAllText(source, Counters.Replace("_hits[page] = _hits.GetValueOrDefault(page) + 1;", "_hits.AddOrUpdate(page, 1, (_, n) => n + 1);"));
            var entryLine = baseline.Split('\n').ToList().FindIndex(l => l == "    {") + 1;
            Assert.Empty(Build(app, "-p:ErrorLog=race.sarif%2Cversion=2.1"));
            var fixedEntry = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "race.sarif"))).RootElement.GetProperty("runs")[0].GetProperty("results")
                .EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "RACE015");
            Assert.Equal("note", fixedEntry.GetProperty("level").GetString());
            Assert.Equal("RACE009 in Adopt.Counters.HitAsync(System.String) (at Counters.cs:14 when the baseline was written) is no longer reported: fixed, remove it from the baseline",
                fixedEntry.GetProperty("message").GetProperty("text").GetString());
            var place = fixedEntry.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("/race-baseline.json", place.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(entryLine, place.GetProperty("region").GetProperty("startLine").GetInt32());
            (exitCode, sarif) = Audit(app, project);
            Assert.Equal(0, exitCode);
            Assert.Equal("absent", sarif.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("baselineState").GetString());

            // A corrupt baseline is reported where reading stopped, and suppresses nothing.
            File.WriteAllText(source, Counters);
            File.WriteAllText(Path.Combine(app, "race-baseline.json"), baseline.Replace("\"count\": 1,", "\"count\": 1,\n<<<<<<< HEAD"));
            var corrupt = Build(app);
            Assert.Contains("Counters.cs:14 warning RACE009", corrupt);
            Assert.Contains(corrupt, line => Regex.IsMatch(line, @"^race-baseline\.json:\d+ warning RACE014$"));
        }

        /// <summary>RaceAnalyzersBaseline names a baseline elsewhere; one it names that does not exist is a warning.</summary>
        [Fact]
        public void RaceAnalyzersBaselineProperty_NamesTheFile()
        {
            var app = WriteProject("Elsewhere");
            var project = Path.Combine(app, "Adopt.csproj");
            Directory.CreateDirectory(Path.Combine(app, "build"));
            var (written, log) = DotNetCli.TryProgram(_tool, app, project, "--write-baseline", Path.Combine("build", "races.json"), "--out", "report");
            Assert.True(written == 0, log);

            Assert.Empty(Build(app, "-p:RaceAnalyzersBaseline=build/races.json"));
            var missing = DotNetCli.Run(app, "build", "--no-incremental", "-nodeReuse:false", "-p:RaceAnalyzersBaseline=build/none.json");
            Assert.Contains("warning RACE014: RaceAnalyzersBaseline names 'build/none.json', which does not exist", missing);
            Assert.Contains("warning RACE009", missing);
        }

        private string WriteProject(string name = "Adopt")
        {
            var app = Path.Combine(_package.Root, "baseline-" + name, "Adopt");
            if (Directory.Exists(app))
            {
                Directory.Delete(app, recursive: true);
            }

            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "Adopt.csproj"), $"""
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="RaceAnalyzers" Version="{_package.Version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
""");
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="packed" value="{_package.Feed}" />
  </packageSources>
</configuration>
""");
            File.WriteAllText(Path.Combine(app, "Counters.cs"), Counters);
            DotNetCli.Run(app, "restore", "Adopt.csproj");
            return app;
        }

        /// <summary>"Counters.cs:14 warning RACE009" for each RACE line the build prints (once each).</summary>
        private static string[] Build(string app, params string[] extra)
        {
            var output = DotNetCli.Run(app, new[] { "build", "--no-incremental", "-nodeReuse:false", "--no-restore" }.Concat(extra).ToArray());
            return RaceLine.Matches(output)
                .Select(m => $"{Path.GetFileName(m.Groups["file"].Value)}:{m.Groups["line"].Value} {m.Groups["severity"].Value} {m.Groups["id"].Value}")
                .Distinct()
                .ToArray();
        }

        private (int ExitCode, JsonElement Sarif) Audit(string app, string project)
        {
            var report = Path.Combine(app, "report");
            var (exitCode, log) = DotNetCli.TryProgram(_tool, app, project, "--baseline", "race-baseline.json", "--out", report, "--format", "sarif");
            Assert.True(exitCode is 0 or 1, $"race-audit --baseline exited with {exitCode}.\n{log}");
            return (exitCode, JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "race-audit.sarif"))).RootElement);
        }
    }
}
