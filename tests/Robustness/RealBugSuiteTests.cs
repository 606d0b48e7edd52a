using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Tests.Docs;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Recall and precision on real concurrency bugs that public C# repositories found and fixed (tests/RealBugs,
    /// provenance in docs/real-bugs.md). Each bug is two files: <c>*.Before.cs</c>, the pre-fix code with
    /// <c>// expect: RACEnnn</c> on the line the diagnostic should start on, and <c>*.After.cs</c>, the fixed code,
    /// which must be quiet. Scoring is that of <see cref="HeldOutCorpusTests"/>. The misses are a ratchet: the set of
    /// missed marks must equal <see cref="KnownMisses"/>, so a form the engine newly learns and a form it newly
    /// forgets both fail here until the list is updated.
    /// </summary>
    public sealed class RealBugSuiteTests
    {
        private const double PrecisionTarget = 0.95;

        /// <summary>Marks the analyzers miss today, as <c>File.Before.cs:line RACEnnn</c>, each with why.</summary>
        private static readonly Dictionary<string, string> KnownMisses = new Dictionary<string, string>
        {
            ["Jellyfin_RefreshProgress.Before.cs:73 RACE009"] = "the check only decides whether a value without identity (a double) is stored, which RACE009 leaves alone as a harmless cache fill; here the harm is that the indexer re-adds an entry OnRefreshComplete removed in between",
            ["Kbve_LauncherAutoAck.Before.cs:101 RACE010"] = "left missed by decision: the shut-down handler reads the repository (FindZoneServerProcessId) and kills a local process, an effect on the host and no write or publish; RACE010's work is the persistence role RACE006/007 order acks against (line 84's spin-up handler records through the repository and is found). Counting external effects (process control, files, HTTP, sockets) as work needs a catalog of effects whose loss matters, which the code does not show: narrowed to Process.Start/Kill it is a name list that finds this one mark, widened it makes autoAck consumers that push notifications or reload state findings, the at-most-once trade autoAck exists for",
            ["NLog_NetworkSenderDeadlock.Before.cs:151 RACE011"] = "the way back from _pendingRequests to the target's locks is an invocation of an AsyncContinuation received as a parameter (EndRequest's), stored in a struct field three calls up and given as a lambda in WriteBytesToCachedNetworkSender; the engine joins events with their += subscriptions, not parameters and fields with the lambdas that flow there (probe of that data-flow join: finds 255 and 318, reports this step at line 109's queue-overflow Invoke(null) instead of here, and adds a three-lock cycle at 298 and four sites of the After, whose error drain still invokes the queued continuations under _pendingRequests as upstream left it until 46a602dc5: six false positives, precision 0.846, so it is not shipped)",
            ["NLog_NetworkSenderDeadlock.Before.cs:255 RACE011"] = "same cycle as line 151: without the delegate edge, taking _pendingRequests under _openNetworkSenders closes no cycle",
            ["NLog_NetworkSenderDeadlock.Before.cs:318 RACE011"] = "same cycle as line 151, from ReleaseCachedConnection (under _currentSenderCache and _openNetworkSenders)",
            ["RabbitMQClient_WorkPoolGetOrAdd.Before.cs:37 RACE009"] = "GetOrAdd counts as one atomic call, but its factory (StartNewWorkPool) has a side effect, starting a worker loop, that runs for every racing caller, and the losing pool is never stopped",
            ["Wolverine_UnmappableAck.Before.cs:105 RACE007"] = "left missed by decision: the failing step maps the delivery to an envelope (_mapper.MapIncomingToEnvelope, an in-house interface named with no handling word), and a mapping failure is decided by the message's own bytes and headers, so no redelivery can succeed; the fix differs from the bug only in where the unreadable message goes (a dead-letter store, or a nack without requeue, which without a dead-letter exchange on the queue drops it exactly as the ack does). The one criterion that finds it, any in-house call given the delivery's data (body, properties, an envelope made from the tag) inside a try whose catch acks, also reports every deliberate poison-message drop (catch (JsonException) { log; ack; }), a dead-letter policy rather than an ordering race (probe: found with the method renamed HandleIncomingEnvelope)",
        };

        private readonly ITestOutputHelper _output;

        public RealBugSuiteTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task RealBugs_AreFoundAsListed_AndFixedCodeIsQuiet()
        {
            var corpus = new MarkedCorpus();
            var findings = new List<string>();
            var misses = new SortedSet<string>();
            var falsePositives = 0;
            var files = Directory.GetFiles(Path.Combine(DescriptorTests.RepositoryRoot(), "tests", "RealBugs"), "*.cs").OrderBy(f => f).ToList();
            Assert.NotEmpty(files);

            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                Assert.True(name.EndsWith(".Before.cs") || name.EndsWith(".After.cs"), name + ": a real bug is a *.Before.cs and an *.After.cs file");
                var twin = name.EndsWith(".Before.cs") ? name.Replace(".Before.cs", ".After.cs") : name.Replace(".After.cs", ".Before.cs");
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, twin)), name + " has no " + twin);

                var source = await File.ReadAllTextAsync(file);
                var expected = MarkedCorpus.ExpectedByLine(source);
                Assert.True(name.EndsWith(".Before.cs") ? expected.Count > 0 : expected.Count == 0,
                    name + ": a Before file marks the bug, an After file marks nothing");

                var project = ScratchProject.Create(source);
                var errors = (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, name + " does not compile:\n" + string.Join("\n", errors));

                // AnalyzeAsync fails the test on any analyzer exception (AD0001).
                var reported = (await ScratchProject.AnalyzeAsync(project))
                    .Where(d => d.Id.StartsWith("RACE"))
                    .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id, Message: d.GetMessage()))
                    .ToList();

                foreach (var (line, id, message) in reported)
                {
                    var hit = expected.Remove((line, id));
                    corpus.Of(id).Add(hit);
                    if (!hit)
                    {
                        falsePositives++;
                        findings.Add($"false positive {id} at {name}:{line}: {message}");
                    }
                }

                foreach (var (line, id) in expected)
                {
                    corpus.Of(id).Missed++;
                    misses.Add($"{name}:{line} {id}");
                    findings.Add($"missed {id} at {name}:{line}");
                }
            }

            var all = corpus.Total();
            var report = corpus.Table(withTotal: true);
            _output.WriteLine(report.ToString());
            _output.WriteLine(string.Join("\n", findings));

            Assert.True(all.Precision >= PrecisionTarget, $"precision {all.Precision:0.000} below {PrecisionTarget} ({falsePositives} false positives)\n{report}\n{string.Join("\n", findings)}");

            var newlyFound = KnownMisses.Keys.Where(k => !misses.Contains(k)).OrderBy(k => k).ToList();
            var newlyMissed = misses.Where(m => !KnownMisses.ContainsKey(m)).ToList();
            Assert.True(newlyFound.Count == 0 && newlyMissed.Count == 0,
                "The misses differ from KnownMisses; update the list (and docs/real-bugs.md).\n"
                + "found now, remove from KnownMisses:\n  " + string.Join("\n  ", newlyFound) + "\n"
                + "missed now, not in KnownMisses:\n  " + string.Join("\n  ", newlyMissed) + "\n" + report);
        }
    }
}
