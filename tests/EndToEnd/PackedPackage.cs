using System;
using System.IO;
using System.Linq;
using RaceAnalyzers.Tests.Docs;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>
    /// Packs the solution once with the README's command, under a version no earlier run used (so no stale copy
    /// in the NuGet cache can stand in for it), into a temporary feed.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
            Root = Path.Combine(Path.GetTempPath(), "raceanalyzers-e2e-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            Directory.CreateDirectory(Feed);
            var repository = DescriptorTests.RepositoryRoot();
            DotNetCli.Run(repository, "pack", Path.Combine(repository, "RaceAnalyzers.sln"), "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"), "-p:Version=" + Version);
            Packages = Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;
        }

        public string Version { get; }
        public string Root { get; }
        public string Feed { get; }
        public string[] Packages { get; }
        public string PackagePath => Path.Combine(Feed, $"RaceAnalyzers.{Version}.nupkg");

        public string AuditToolPath => Path.Combine(Feed, $"RaceAnalyzers.Audit.{Version}.nupkg");

        /// <summary>race-audit installed from the packed tool package (once, into a tool path under <see cref="Root"/>).</summary>
        public string AuditTool()
        {
            var tools = Path.Combine(Root, "tools");
            var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "race-audit.exe" : "race-audit");
            lock (this)
            {
                if (!File.Exists(tool))
                {
                    DotNetCli.Run(Root, "tool", "install", "RaceAnalyzers.Audit", "--tool-path", tools, "--add-source", Feed, "--version", Version);
                }
            }

            return tool;
        }

        public void Dispose()
        {
            TryDelete(Root);
            var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            TryDelete(Path.Combine(home, "raceanalyzers", Version));
            TryDelete(Path.Combine(home, "raceanalyzers.audit", Version));
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The end-to-end test classes share one packed solution: packing takes a minute.</summary>
    [Xunit.CollectionDefinition(Name)]
    public sealed class PackedPackageCollection : Xunit.ICollectionFixture<PackedPackage>
    {
        public const string Name = "Packed package";
    }
}
