using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RaceAnalyzers.Tests.Docs;
using Xunit;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>
    /// race-audit as users get it: installed with `dotnet tool install` from the packed RaceAnalyzers.Audit
    /// package, run on the broker sample (its report is the one checked in under docs/race-audit), on a clean
    /// project (exit 0), on a solution with a project that cannot load (named, the rest audited) and on a
    /// missing file (exit 2).
    /// </summary>
    [Trait("Category", "EndToEnd")]
    [Collection(PackedPackageCollection.Name)]
    public sealed class AuditToolEndToEndTests
    {
        private readonly PackedPackage _package;
        private readonly string _tool;

        public AuditToolEndToEndTests(PackedPackage package)
        {
            _package = package;
            _tool = package.AuditTool();
        }

        [Fact]
        public void BrokerSample_ReportNamesTheCycleWithFileAndLine_AndMatchesTheCheckedInReport()
        {
            var repository = DescriptorTests.RepositoryRoot();
            var sample = Path.Combine(repository, "samples", "BrokerLocks", "BrokerLocks.csproj");
            DotNetCli.Run(repository, "restore", sample);
            var output = Path.Combine(_package.Root, "broker-audit");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, repository, sample, "--out", output);

            Assert.True(exitCode == 1, $"race-audit exited with {exitCode}, expected 1 (findings).\n{log}");
            Assert.Contains("analyzing BrokerLocks", log);
            var markdown = File.ReadAllText(Path.Combine(output, "race-audit.md"));
            Assert.Contains("1. **GroupCommit._pending → RaftCluster._raftNode → GroupCommit._pending**", markdown);
            Assert.Contains("`GroupCommit.cs:54` GroupCommit.FlushAsync takes `RaftCluster._raftNode` through RaftCluster.OnCommitted while holding `GroupCommit._pending`", markdown);
            Assert.Contains("`RaftCluster.cs:62` RaftCluster.ApplyAsync takes `GroupCommit._pending` through GroupCommit.AppendAsync while holding `RaftCluster._raftNode`", markdown);
            Assert.Contains("```mermaid", markdown);
            CheckedInReport.Compare(Path.Combine(repository, "docs", "race-audit", "BrokerLocks.md"), markdown);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "race-audit.json")));
            var cycles = json.RootElement.GetProperty("cycles");
            Assert.Equal(1, cycles.GetArrayLength());
            Assert.Equal(new[] { "GroupCommit.cs:54", "RaftCluster.cs:62" },
                cycles[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("at").GetProperty("file").GetString() + ":" + s.GetProperty("at").GetProperty("line").GetInt32()));
            Assert.Equal(new[] { "GroupCommit._pending", "ProduceHandler._lastFlushLock", "RaftCluster._raftNode" },
                json.RootElement.GetProperty("locks").EnumerateArray().Select(l => l.GetProperty("id").GetString()));

            using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "race-audit.sarif")));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal("RACE011", r.GetProperty("ruleId").GetString()));
            var driver = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
            Assert.Equal(_package.Version, driver.GetProperty("version").GetString());
            var rule = driver.GetProperty("rules").EnumerateArray().Single();
            Assert.Equal("RACE011", rule.GetProperty("id").GetString());
            Assert.Equal(new[] { "concurrency", "external/cwe/cwe-833", "external/cwe/cwe-667" }, rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("medium", rule.GetProperty("properties").GetProperty("precision").GetString());
            Assert.Contains("| `GroupCommit._pending` | callback | callback | GroupCommit.Flushed | GroupCommit.FlushAsync |", markdown);
            Assert.DoesNotContain("(delegate)", markdown);
            Assert.Contains("race-audit: 3 locks, 1 lock-order cycle, ", log);
            var related = results[0].GetProperty("relatedLocations")[0];
            Assert.StartsWith("'RaftCluster.ApplyAsync' takes _pending", related.GetProperty("message").GetProperty("text").GetString());
            Assert.Equal(62, related.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        }

        [Fact]
        public void CleanProject_ExitsZero_AndSaysSo()
        {
            var project = WriteProject("clean", "Clean", """
public sealed class Ledger
{
    private readonly object _entries = new();
    private readonly object _totals = new();

    public void Post()
    {
        lock (_entries)
        {
            lock (_totals)
            {
            }
        }
    }

    public void Audit()
    {
        lock (_entries)
        {
            lock (_totals)
            {
            }
        }
    }
}
""");
            var output = Path.Combine(Path.GetDirectoryName(project)!, "report");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, Path.GetDirectoryName(project)!, project, "--out", output, "--format", "md");

            Assert.True(exitCode == 0, $"race-audit exited with {exitCode}, expected 0.\n{log}");
            var markdown = File.ReadAllText(Path.Combine(output, "race-audit.md"));
            Assert.Contains("No cycles: every path takes these locks in one order.", markdown);
            Assert.Contains("No RACE findings.", markdown);
            Assert.Contains("| `Ledger._entries` | Monitor (lock) |", markdown);
            Assert.False(File.Exists(Path.Combine(output, "race-audit.json")));
        }

        [Fact]
        public void SolutionWithABrokenProject_NamesIt_AndAuditsTheRest()
        {
            var good = WriteProject("mixed", "Good", """
using System.Threading;
using System.Threading.Tasks;

public sealed class Journal
{
    private readonly object _gate = new();

    public async Task WriteAsync(Task io)
    {
        Monitor.Enter(_gate);
        try
        {
            await io;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
""");
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(good))!;
            Directory.CreateDirectory(Path.Combine(folder, "Broken"));
            File.WriteAllText(Path.Combine(folder, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
            var solution = Path.Combine(folder, "Mixed.slnx");
            File.WriteAllText(solution, "<Solution>\n  <Project Path=\"Good/Good.csproj\" />\n  <Project Path=\"Broken/Broken.csproj\" />\n</Solution>\n");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, folder, solution, "--out", Path.Combine(folder, "report"));

            Assert.True(exitCode == 1, $"race-audit exited with {exitCode}, expected 1 (the RACE012 in Good).\n{log}");
            var markdown = File.ReadAllText(Path.Combine(folder, "report", "race-audit.md"));
            Assert.Contains("| Projects analyzed | 1 of 2 |", markdown);
            Assert.Contains("- **Not analyzed:** `Broken/Broken.csproj`", markdown);
            Assert.Contains("`Good/Journal.cs:13` '_gate' is taken by 'Monitor.Enter' (line 10)", markdown);
        }

        /// <summary>
        /// A cycle split over two projects: the book (one project) posts to the ledger (another) under its lock, the
        /// ledger audits the book through an interface under its own. Each compilation sees one half; the audit joins them.
        /// </summary>
        [Fact]
        public void CycleAcrossTwoProjects_IsReportedWithBothSteps()
        {
            var (folder, solution) = TwoProjects("cross", ledger: """
namespace Ledgers;

public interface IBookView
{
    void Snapshot();
}

public sealed class Ledger
{
    private readonly object _entries = new();

    public void Post()
    {
        lock (_entries)
        {
        }
    }

    public void Audit(IBookView book)
    {
        lock (_entries)
        {
            book.Snapshot();
        }
    }
}
""", book: """
using Ledgers;

namespace Books;

public sealed class Book : IBookView
{
    private readonly object _levels = new();
    private readonly Ledger _ledger;

    public Book(Ledger ledger) => _ledger = ledger;

    public void Match()
    {
        lock (_levels)
        {
            _ledger.Post();
        }
    }

    public void Snapshot()
    {
        lock (_levels)
        {
        }
    }
}
""");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, folder, solution, "--out", Path.Combine(folder, "report"), "--format", "md");

            Assert.True(exitCode == 1, $"race-audit exited with {exitCode}, expected 1.\n{log}");
            var markdown = File.ReadAllText(Path.Combine(folder, "report", "race-audit.md"));
            Assert.Contains("1. **Book._levels → Ledger._entries → Book._levels**", markdown);
            Assert.Contains("`Books/Book.cs:16` Book.Match takes `Ledger._entries` through Ledger.Post while holding `Book._levels`", markdown);
            Assert.Contains("`Ledgers/Ledger.cs:23` Ledger.Audit takes `Book._levels` through Book.Snapshot while holding `Ledger._entries`", markdown);
        }

        /// <summary>
        /// The look-alike of the cycle above that is not one (MassTransit's pipe specifications): the ledger calls the
        /// view for quotes, and only the view for orders, another construction of the generic interface, locks.
        /// </summary>
        [Fact]
        public void CallOnAnotherConstructionOfAGenericInterface_AcrossProjects_IsNoCycle()
        {
            var (folder, solution) = TwoProjects("cross-generic", ledger: """
namespace Ledgers;

public sealed class Order { }

public sealed class Quote { }

public interface IBookView<T>
{
    void Snapshot();
}

public sealed class Ledger
{
    private readonly object _entries = new();

    public void Post()
    {
        lock (_entries)
        {
        }
    }

    public void Audit(IBookView<Quote> quotes)
    {
        lock (_entries)
        {
            quotes.Snapshot();
        }
    }
}
""", book: """
using Ledgers;

namespace Books;

public sealed class Book : IBookView<Order>
{
    private readonly object _levels = new();
    private readonly Ledger _ledger;

    public Book(Ledger ledger) => _ledger = ledger;

    public void Match()
    {
        lock (_levels)
        {
            _ledger.Post();
        }
    }

    public void Snapshot()
    {
        lock (_levels)
        {
        }
    }
}

public sealed class QuoteBoard : IBookView<Quote>
{
    public void Snapshot()
    {
    }
}
""");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, folder, solution, "--out", Path.Combine(folder, "report"), "--format", "md");

            Assert.True(exitCode == 0, $"race-audit exited with {exitCode}, expected 0 (no finding).\n{log}");
            var markdown = File.ReadAllText(Path.Combine(folder, "report", "race-audit.md"));
            Assert.DoesNotContain("Book._levels → Ledger._entries", markdown);
        }

        /// <summary>A restored solution of two projects, Books referencing Ledgers, each with one source file.</summary>
        private (string Folder, string Solution) TwoProjects(string name, string ledger, string book)
        {
            var folder = Path.Combine(_package.Root, name);
            Directory.CreateDirectory(Path.Combine(folder, "Ledgers"));
            Directory.CreateDirectory(Path.Combine(folder, "Books"));
            const string Project = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>{0}</Project>\n";
            File.WriteAllText(Path.Combine(folder, "Ledgers", "Ledgers.csproj"), string.Format(Project, string.Empty));
            File.WriteAllText(Path.Combine(folder, "Books", "Books.csproj"), string.Format(Project, "<ItemGroup><ProjectReference Include=\"../Ledgers/Ledgers.csproj\" /></ItemGroup>"));
            File.WriteAllText(Path.Combine(folder, "Ledgers", "Ledger.cs"), ledger);
            File.WriteAllText(Path.Combine(folder, "Books", "Book.cs"), book);
            var solution = Path.Combine(folder, "Trading.slnx");
            File.WriteAllText(solution, "<Solution>\n  <Project Path=\"Ledgers/Ledgers.csproj\" />\n  <Project Path=\"Books/Books.csproj\" />\n</Solution>\n");
            DotNetCli.Run(folder, "restore", solution);
            return (folder, solution);
        }

        [Fact]
        public void MissingTarget_ExitsTwo_WithTheReason()
        {
            var missing = Path.Combine(_package.Root, "nowhere", "Missing.sln");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, _package.Root, missing);

            Assert.Equal(2, exitCode);
            Assert.Contains("does not exist", log);
        }

        /// <summary>An awaited delegate or event under a lock is one call: listed once, as an awaited callback, named by what it is invoked from.</summary>
        [Fact]
        public void AwaitedCallbacksUnderALock_AreListedOnce_ByTheirSource()
        {
            var project = WriteProject("callbacks", "Relay", """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Relay
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Action<int> _log = _ => { };

    public event Func<int, Task>? Sent;

    public async Task SendAsync(Func<int, Task> onDone)
    {
        await _gate.WaitAsync();
        try
        {
            await onDone(1);
            if (Sent != null)
            {
                await Sent(2);
            }

            _log(3);
        }
        finally
        {
            _gate.Release();
        }
    }
}
""");
            var output = Path.Combine(Path.GetDirectoryName(project)!, "report");

            var (exitCode, log) = DotNetCli.TryProgram(_tool, Path.GetDirectoryName(project)!, project, "--out", output, "--format", "md");

            Assert.True(exitCode == 0, $"race-audit exited with {exitCode}, expected 0.\n{log}");
            var rows = File.ReadAllLines(Path.Combine(output, "race-audit.md")).Where(l => l.StartsWith("| `Relay._gate` |") && l.Contains("| Relay.SendAsync |")).ToList();
            Assert.Equal(new[]
            {
                "| `Relay._gate` | awaited callback | callback | onDone (Func<int, Task>) | Relay.SendAsync | `Relay.cs:17` |",
                "| `Relay._gate` | awaited callback | callback | Relay.Sent | Relay.SendAsync | `Relay.cs:20` |",
                "| `Relay._gate` | callback | callback | Relay._log | Relay.SendAsync | `Relay.cs:23` |",
            }, rows);
            Assert.Contains("race-audit: 1 lock, 0 lock-order cycles, 3 slow calls under a lock, 0 findings", log);
        }

        [Fact]
        public void Help_IsOnStdout_WithEveryOptionItsDefaultAndTheExitCodes()
        {
            var (exitCode, _, help, errors) = DotNetCli.Streams(_tool, _package.Root, "--help");

            Assert.Equal(0, exitCode);
            Assert.Equal(string.Empty, errors);
            Assert.Contains("race-audit <solution> [options]", help);
            foreach (var option in new[] { "-o, --out <dir>", "-f, --format <list>", "-p, --property <Name=Value>", "--baseline <file>", "--write-baseline <file>", "--restore", "--version", "--help" })
            {
                Assert.Contains(option, help);
            }

            Assert.Contains("[default: .]", help);
            Assert.Contains("[default: md,json,sarif]", help);
            Assert.Contains("Exit codes:", help);
            Assert.Contains("  2  could not audit", help);
        }

        [Fact]
        public void Version_IsThePackedVersion()
        {
            var (exitCode, _, version, _) = DotNetCli.Streams(_tool, _package.Root, "--version");

            Assert.Equal(0, exitCode);
            Assert.StartsWith(_package.Version, version.Trim());
        }

        [Theory]
        [InlineData("--out")]
        [InlineData("--baseline")]
        [InlineData("--write-baseline")]
        public void OptionWithoutItsValue_ExitsTwo_NamingTheOption(string option)
        {
            var project = Path.Combine(_package.Root, "Any.csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\" />");

            var (exitCode, _, output, errors) = DotNetCli.Streams(_tool, _package.Root, project, option);

            Assert.Equal(2, exitCode);
            Assert.Equal(string.Empty, output);
            Assert.Contains($"race-audit: Required argument missing for option: '{option}'.", errors);
            Assert.Contains("race-audit --help", errors);
        }

        /// <summary>An unrestored project loads without its packages and would give a partial report: it is named with the cause, exit 2; --restore restores and audits it.</summary>
        [Fact]
        public void UnrestoredProject_ExitsTwoNamingIt_AndRestoreAuditsIt()
        {
            var directory = Path.Combine(_package.Root, "unrestored", "Orders");
            Directory.CreateDirectory(directory);
            var project = Path.Combine(directory, "Orders.csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
            File.WriteAllText(Path.Combine(directory, "Tally.cs"), """
using System.Collections.Concurrent;
using System.Collections.Generic;

public sealed class Tally
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public void Count(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;
}
""");

            var (exitCode, _, _, errors) = DotNetCli.Streams(_tool, directory, project, "--out", Path.Combine(directory, "report"));

            Assert.True(exitCode == 2, $"race-audit exited with {exitCode}, expected 2.\n{errors}");
            Assert.Contains("race-audit: project Orders is not restored: ", errors);
            Assert.Contains("project.assets.json does not exist", errors);
            Assert.False(Directory.Exists(Path.Combine(directory, "report")));

            var (restoredExit, log) = DotNetCli.TryProgram(_tool, directory, project, "--restore", "--out", Path.Combine(directory, "report"), "--format", "md");

            Assert.True(restoredExit == 1, $"race-audit --restore exited with {restoredExit}, expected 1 (the RACE009).\n{log}");
            Assert.Contains("RACE009: 1", File.ReadAllText(Path.Combine(directory, "report", "race-audit.md")));
            Assert.Contains("race-audit: 0 locks, 0 lock-order cycles, 0 slow calls under a lock, 1 finding", log);
        }

        /// <summary>A restored net10.0 project under the package root with one source file.</summary>
        private string WriteProject(string folder, string name, string source)
        {
            var directory = Path.Combine(_package.Root, folder, name);
            Directory.CreateDirectory(directory);
            var project = Path.Combine(directory, name + ".csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup></Project>\n");
            File.WriteAllText(Path.Combine(directory, name == "Good" ? "Journal.cs" : name + ".cs"), source);
            DotNetCli.Run(directory, "restore", project);
            return project;
        }
    }
}
