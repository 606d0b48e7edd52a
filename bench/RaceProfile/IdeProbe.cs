using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RaceProfile
{
    /// <summary>
    /// --ide: what the analyzers add per keystroke, asked the way the IDE asks. For each of N documents spread over the
    /// code base: a one-character edit inside a method body, the new compilation (<c>ReplaceSyntaxTree</c>), the
    /// compiler's own semantic diagnostics of the document, then, on the same semantic model, a fresh
    /// <see cref="CompilationWithAnalyzers"/> (single-threaded) asked for the document's analyzer semantic diagnostics.
    /// Every configuration gets its own edited tree and compilation, so nothing one builds is found by the next.
    /// </summary>
    internal static class IdeProbe
    {
        private const string AllName = "All RaceAnalyzers analyzers";
        private const string AllUnseenName = "All, the edited file new to them";
        private const string FloorName = "Empty code-block analyzer (floor)";
        private const string OperationsName = "Reference: every body bound";
        private const string GraphsName = "Reference: every body's flow graph";

        /// <param name="only">Prefixes of the analyzers to run alone besides all together and the floor (null: every one).</param>
        /// <param name="cold">
        /// Measure each edit with nothing analyzed on the document before it. By default each document is first analyzed
        /// once unedited (not measured), as in the IDE, where the version before the keystroke was analyzed and is still
        /// held while the next is: what the analyzers keep per tree can then be carried over from that version.
        /// </param>
        /// <param name="repeat">Edits measured per document and configuration; the one with the median time stands for them.</param>
        public static int Run(Compilation compilation, int documents, int warmups, int fullRuns, string? only, bool cold, int repeat)
        {
            var all = AllAnalyzers();
            var configurations = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
            {
                (AllName, all),
                (AllUnseenName, all),
                (FloorName, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.CodeBlocks))),
                (OperationsName, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.OperationBlocks))),
                (GraphsName, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.FlowGraphs))),
            };
            configurations.AddRange(all
                .Where(a => only == null || only.Split(',').Any(prefix => a.GetType().Name.StartsWith(prefix, StringComparison.Ordinal)))
                .Select(a => (a.GetType().Name, ImmutableArray.Create(a))));

            var (measured, warm) = Pick(compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).ToList(), documents, warmups);
            var lines = measured.Average(t => t.GetText().Lines.Count);
            Console.WriteLine($"{measured.Count} documents measured (about {lines:F0} lines each), {warm.Count} warm-up documents, {compilation.SyntaxTrees.Count()} files");
            Console.WriteLine(cold
                ? "Cold: nothing analyzed on a document before its edit"
                : "Each document analyzed once unedited before its edit (not measured), as the IDE did before the keystroke");
            if (repeat > 1)
            {
                Console.WriteLine($"Each document and configuration edited and measured {repeat} times; the run with the median added time stands for them");
            }

            foreach (var tree in warm)
            {
                if (!cold)
                {
                    AnalyzeUnedited(compilation, tree, all);
                }

                foreach (var (name, analyzers) in configurations)
                {
                    Measure(compilation, tree, analyzers, unseen: name == AllUnseenName);
                }
            }

            var results = configurations.ToDictionary(c => c.Name, _ => new List<Sample>());
            var inside = new Dictionary<string, List<double>>();
            foreach (var tree in measured)
            {
                if (!cold)
                {
                    AnalyzeUnedited(compilation, tree, all);
                }

                foreach (var (name, analyzers) in configurations)
                {
                    var sample = MedianOf(Enumerable.Range(0, repeat).Select(_ => Measure(compilation, tree, analyzers, unseen: name == AllUnseenName)).ToList());
                    results[name].Add(sample);
                    if (name == AllName)
                    {
                        foreach (var (analyzer, ms) in sample.Inside)
                        {
                            (inside.TryGetValue(analyzer, out var list) ? list : inside[analyzer] = new List<double>()).Add(ms);
                        }
                    }
                }

                var allSample = results[AllName].Last();
                Console.WriteLine($"  {allSample.Document,-40} compiler {allSample.CompilerMs,6:F0} ms  all analyzers +{allSample.AddedMs,6:F0} ms  floor +{results[FloorName].Last().AddedMs,5:F0} ms");
            }

            Report(results, inside);
            if (fullRuns > 0)
            {
                FullSolution(compilation, measured.Take(fullRuns), configurations.Where(c => c.Name == AllName || c.Name == FloorName).ToList());
            }

            return 0;
        }

        private static Sample MedianOf(List<Sample> runs) => runs.OrderBy(run => run.AddedMs).ElementAt(runs.Count / 2);

        /// <summary>The document as it was before the keystroke, analyzed by all the package's analyzers.</summary>
        private static void AnalyzeUnedited(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> all)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            compilation.WithAnalyzers(all, options)
                .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>Every analyzer and suppressor the package ships, as a project referencing it gets them.</summary>
        private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
            => typeof(RaceAnalyzers.Rules.RaceAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t, nonPublic: true)!)
                .ToImmutableArray();

        /// <summary>
        /// <paramref name="count"/> documents at even steps through the files (in path order), and the warm-up ones
        /// spread over the rest, never among them. Only files with a method body to edit count.
        /// </summary>
        private static (List<SyntaxTree> Measured, List<SyntaxTree> Warm) Pick(List<SyntaxTree> trees, int count, int warmups)
        {
            var editable = trees.Where(t => EditSite(t) != null).ToList();
            count = Math.Min(count, editable.Count - warmups);
            var measured = Enumerable.Range(0, count).Select(i => editable[i * editable.Count / count]).ToList();
            var warm = editable.Except(measured).Where((_, i) => i % Math.Max(1, (editable.Count - count) / warmups) == 0).Take(warmups).ToList();
            return (measured, warm);
        }

        private static readonly Dictionary<SyntaxTree, (int Position, string Method)?> EditSites = new Dictionary<SyntaxTree, (int, string)?>();

        /// <summary>Where the edit goes: just inside the opening brace of the method body nearest the middle of the file.</summary>
        private static (int Position, string Method)? EditSite(SyntaxTree tree)
        {
            if (!EditSites.TryGetValue(tree, out var site))
            {
                EditSites[tree] = site = FindEditSite(tree);
            }

            return site;
        }

        private static (int Position, string Method)? FindEditSite(SyntaxTree tree)
        {
            var methods = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Body?.Statements.Count > 0).ToList();
            if (methods.Count == 0)
            {
                return null;
            }

            var middle = methods[methods.Count / 2];
            return (middle.Body!.OpenBraceToken.Span.End, middle.Identifier.ValueText);
        }

        private sealed class Sample
        {
            public string Document = string.Empty;
            public double CompilerMs;
            public double AddedMs;
            public double CompilerWallMs;
            public double AddedWallMs;

            /// <summary>What the collector did during the analyzers' run: pause time, collections (any generation) and megabytes allocated.</summary>
            public double AddedPauseMs;
            public int AddedCollections;
            public double AddedMegabytes;

            /// <summary>Method-like bodies of the document, and how many of them the run built a control-flow graph for.</summary>
            public int Bodies;
            public int Graphs => GraphBodies.Count;

            /// <summary>The bodies given a graph, each named by its method (the generated code repeats a few templates, so names group well).</summary>
            public List<string> GraphBodies = new List<string>();

            /// <summary>Members of the edited tree whose syntax scan was copied from the version before; null when no rule scanned it.</summary>
            public int? ScanCopied;

            /// <summary>Some analyzer of the run acts per document (code blocks, operations, symbols): the driver bound the document for it.</summary>
            public bool BindsDocument;
            public List<(string Analyzer, double Ms)> Inside = new List<(string, double)>();
        }

        /// <param name="unseen">
        /// Give the edited tree a path no tree had before: nothing the analyzers keep per file (the version before the
        /// edit, whose syntax scan the edited tree's is copied from) is found, as for a file opened afresh.
        /// </param>
        private static Sample Measure(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, bool unseen = false)
        {
            var (position, method) = EditSite(tree)!.Value;
            var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(position, 0), " ")));
            if (unseen)
            {
                edited = edited.WithFilePath(tree.FilePath + "." + Guid.NewGuid().ToString("N") + ".cs");
            }

            var next = compilation.ReplaceSyntaxTree(tree, edited);
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var clock = Stopwatch.StartNew();
            var cpu = CpuClock.Milliseconds();
            var model = next.GetSemanticModel(edited);
            var errors = model.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var compilerMs = CpuClock.Milliseconds() - cpu;
            var compilerWallMs = clock.Elapsed.TotalMilliseconds;
            if (errors > 0)
            {
                throw new InvalidOperationException($"{tree.FilePath}: the edit left {errors} errors");
            }

            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            var collections = GC.CollectionCount(0);
            clock.Restart();
            cpu = CpuClock.Milliseconds();
            var withAnalyzers = next.WithAnalyzers(analyzers, options);
            var diagnostics = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            var addedMs = CpuClock.Milliseconds() - cpu;
            var addedWallMs = clock.Elapsed.TotalMilliseconds;
            var addedPauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
            var addedCollections = GC.CollectionCount(0) - collections;
            var addedMegabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
            if (diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } crash)
            {
                throw new InvalidOperationException(crash.ToString());
            }

            var telemetry = analyzers.Select(a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult()).ToList();
            return new Sample
            {
                Document = $"{Path.GetFileName(tree.FilePath)} ({method})",
                CompilerMs = compilerMs,
                AddedMs = addedMs,
                CompilerWallMs = compilerWallMs,
                AddedWallMs = addedWallMs,
                AddedPauseMs = addedPauseMs,
                AddedCollections = addedCollections,
                AddedMegabytes = addedMegabytes,
                Bodies = BodiesIn(edited),
                GraphBodies = GraphsBuiltFor(edited),
                ScanCopied = RaceAnalyzers.Flow.Gating.TreeScan.Scanned(edited)?.ReusedNodes,
                Inside = analyzers.Length > 1 ? analyzers.Select((a, i) => (a.GetType().Name, telemetry[i].ExecutionTime.TotalMilliseconds)).ToList() : new List<(string, double)>(),
                BindsDocument = telemetry.Any(t => t.CodeBlockActionsCount + t.CodeBlockStartActionsCount + t.OperationActionsCount + t.OperationBlockActionsCount
                    + t.OperationBlockStartActionsCount + t.SemanticModelActionsCount + t.SymbolActionsCount + t.SymbolStartActionsCount + t.SyntaxNodeActionsCount > 0),
            };
        }

        /// <summary>Bodies the driver hands to a code-block action: methods, constructors, operators, accessors, local functions.</summary>
        private static int BodiesIn(SyntaxTree tree)
            => tree.GetRoot().DescendantNodes().Count(node => node switch
            {
                BaseMethodDeclarationSyntax method => method.Body != null || method.ExpressionBody != null,
                AccessorDeclarationSyntax accessor => accessor.Body != null || accessor.ExpressionBody != null,
                PropertyDeclarationSyntax property => property.ExpressionBody != null,
                _ => false,
            });

        // The rules' graphs are kept, one per body, in AnalyzedBody's weak table: counted there, not by changing the package.
        private static readonly ConditionalWeakTable<IOperation, ControlFlowGraph> RuleGraphs =
            typeof(RaceAnalyzers.Flow.AnalyzedBody).GetField("Graphs", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as ConditionalWeakTable<IOperation, ControlFlowGraph>
            ?? throw new InvalidOperationException("AnalyzedBody no longer keeps its graphs in a static field 'Graphs'; update the probe's graph count.");

        /// <summary>The bodies of <paramref name="tree"/> the rules built a control-flow graph for, by method name.</summary>
        private static List<string> GraphsBuiltFor(SyntaxTree tree)
            => ((IEnumerable<KeyValuePair<IOperation, ControlFlowGraph>>)RuleGraphs)
                .Where(entry => entry.Key.Syntax.SyntaxTree == tree)
                .Select(entry => BodyName(entry.Key.Syntax))
                .ToList();

        private static string BodyName(SyntaxNode body)
            => body.AncestorsAndSelf().Select(node => node switch
            {
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                ConstructorDeclarationSyntax constructor => ".ctor " + constructor.Identifier.ValueText,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                _ => null,
            }).FirstOrDefault(name => name != null) ?? body.GetType().Name;

        private static void Report(Dictionary<string, List<Sample>> results, Dictionary<string, List<double>> inside)
        {
            var compiler = results.Values.SelectMany(s => s).Select(s => s.CompilerMs).ToList();
            var floor = results[FloorName];
            Console.WriteLine();
            Console.WriteLine("Milliseconds of the process's CPU time (steadier than wall time on a shared machine; wall time at the end).");
            Console.WriteLine($"Compiler's own semantic diagnostics of the edited document: median {Percentile(compiler, 0.5):F0} ms, p95 {Percentile(compiler, 0.95):F0} ms (every run)");
            Console.WriteLine($"The floor, an analyzer that registers an empty code-block action: median {Percentile(floor.Select(s => s.AddedMs).ToList(), 0.5):F0} ms,"
                + $" p95 {Percentile(floor.Select(s => s.AddedMs).ToList(), 0.95):F0} ms (the driver binds the document again in its own copy of the compilation)");
            Console.WriteLine("Added by GetAnalyzerSemanticDiagnosticsAsync, ms; over the floor = minus the floor's time on the same document");
            Console.WriteLine("(for analyzers with per-document actions; the others, compilation actions only, make the driver bind nothing);");
            Console.WriteLine("ratio = over the floor / the compiler's time in the same run, per document; worst = most over the floor:");
            Console.WriteLine($"  {"configuration",-36} {"added median",12} {"p95",5} {"over floor median",17} {"p95",5} {"ratio median",12} {"p95",6}  worst document");
            foreach (var (name, samples) in results.Where(r => r.Key != FloorName))
            {
                var added = samples.Select(s => s.AddedMs).ToList();
                var over = samples.Select((s, i) => s.AddedMs - (s.BindsDocument ? floor[i].AddedMs : 0)).ToList();
                var ratios = samples.Select((s, i) => over[i] / s.CompilerMs).ToList();
                var worst = over.IndexOf(over.Max());
                Console.WriteLine($"  {name,-36} {Percentile(added, 0.5),12:F0} {Percentile(added, 0.95),5:F0} {Percentile(over, 0.5),17:F0} {Percentile(over, 0.95),5:F0}"
                    + $" {Percentile(ratios, 0.5),11:F2}x {Percentile(ratios, 0.95),5:F2}x  {samples[worst].Document} +{over[worst]:F0} ms ({ratios[worst]:F2}x, compiler {samples[worst].CompilerMs:F0} ms)");
            }

            var graphs = results[GraphsName];
            var perGraph = graphs.Select((s, i) => (s.AddedMs - floor[i].AddedMs) / Math.Max(1, s.Bodies)).ToList();
            var allRuns = results[AllName];
            Console.WriteLine();
            var scans = allRuns.Where(run => run.ScanCopied != null).ToList();
            Console.WriteLine($"The edited tree's syntax scan: made in {scans.Count} of {allRuns.Count} runs, copying members from the version before in {scans.Count(run => run.ScanCopied > 0)} (median {Percentile(scans.Select(run => (double)run.ScanCopied!.Value).ToList(), 0.5):F0} members copied)");
            Console.WriteLine($"Flow graphs: the documents hold median {Percentile(allRuns.Select(s => (double)s.Bodies).ToList(), 0.5):F0} method-like bodies (p95 {Percentile(allRuns.Select(s => (double)s.Bodies).ToList(), 0.95):F0});"
                + $" the rules built a control-flow graph for median {Percentile(allRuns.Select(s => (double)s.Graphs).ToList(), 0.5):F0} of them (p95 {Percentile(allRuns.Select(s => (double)s.Graphs).ToList(), 0.95):F0},"
                + $" {allRuns.Sum(s => s.Graphs) / (double)Math.Max(1, allRuns.Sum(s => s.Bodies)):P0} of all bodies). A body bound and given its graph costs median {Percentile(perGraph, 0.5):F2} ms over the floor"
                + $" (the reference run's time over the floor / its bodies), so the rules' graphs and binding alone come to about"
                + $" median {Percentile(allRuns.Select((s, i) => s.Graphs * perGraph[i]).ToList(), 0.5):F0} ms, p95 {Percentile(allRuns.Select((s, i) => s.Graphs * perGraph[i]).ToList(), 0.95):F0} ms per document.");

            Console.WriteLine();
            Console.WriteLine("Bodies given a graph by each configuration that built any (method name: count over all documents; the most frequent first):");
            foreach (var (name, samples) in results.Where(r => r.Value.Any(s => s.Graphs > 0)))
            {
                var byName = samples.SelectMany(s => s.GraphBodies).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
                Console.WriteLine($"  {name,-36} {samples.Sum(s => s.Graphs),4} graphs: {string.Join(", ", byName.Take(8).Select(g => $"{g.Key} {g.Count()}"))}");
            }

            Console.WriteLine();
            Console.WriteLine("The collector during GetAnalyzerSemanticDiagnosticsAsync (medians per document; pause = the runtime's own total pause time,");
            Console.WriteLine("which process CPU time counts once per thread it stops; collections of any generation):");
            foreach (var (name, samples) in results)
            {
                Console.WriteLine($"  {name,-36} allocated {Percentile(samples.Select(s => s.AddedMegabytes).ToList(), 0.5),6:F1} MB (p95 {Percentile(samples.Select(s => s.AddedMegabytes).ToList(), 0.95),5:F1})"
                    + $"  collections {samples.Average(s => s.AddedCollections),4:F1} per document  paused median {Percentile(samples.Select(s => s.AddedPauseMs).ToList(), 0.5),5:F1} ms, p95 {Percentile(samples.Select(s => s.AddedPauseMs).ToList(), 0.95),5:F1} ms");
            }

            var everySample = results.Values.SelectMany(v => v).ToList();
            var memory = GC.GetGCMemoryInfo();
            Console.WriteLine($"  (managed heap {memory.HeapSizeBytes / 1e6:F0} MB after the last collection, {memory.GenerationInfo[2].SizeAfterBytes / 1e6:F0} MB of it in gen 2;"
                + $" {everySample.Sum(s => s.AddedPauseMs) / Math.Max(1, everySample.Sum(s => s.AddedCollections)):F1} ms of pause per collection over all runs)");

            Console.WriteLine();
            Console.WriteLine("Time inside each analyzer's callbacks in the runs with all of them (Roslyn's clock, ms per document):");
            foreach (var (analyzer, times) in inside.OrderByDescending(a => Percentile(a.Value, 0.5)))
            {
                Console.WriteLine($"  {analyzer,-36} median {Percentile(times, 0.5),6:F1}  p95 {Percentile(times, 0.95),6:F1}  max {times.Max(),6:F1}");
            }

            var all = results[AllName];
            var callbacks = all.Select(s => s.Inside.Sum(i => i.Ms)).ToList();
            var pauseOver = all.Select((s, i) => s.AddedPauseMs - floor[i].AddedPauseMs).ToList();
            Console.WriteLine($"  {"all callbacks of a document, summed",-36} median {Percentile(callbacks, 0.5),6:F1}  p95 {Percentile(callbacks, 0.95),6:F1}  max {callbacks.Max(),6:F1}");
            Console.WriteLine($"  (the collector's pauses beyond the floor's in the same document: median {Percentile(pauseOver, 0.5):F1} ms, p95 {Percentile(pauseOver, 0.95):F1} ms;"
                + " a pause that lands inside a callback is on Roslyn's clock too)");

            var wallRatios = all.Select((s, i) => (s.AddedWallMs - floor[i].AddedWallMs) / s.CompilerWallMs).ToList();
            Console.WriteLine();
            Console.WriteLine($"Wall time: compiler median {Percentile(all.Select(s => s.CompilerWallMs).ToList(), 0.5):F0} ms, p95 {Percentile(all.Select(s => s.CompilerWallMs).ToList(), 0.95):F0} ms;"
                + $" all analyzers added median {Percentile(all.Select(s => s.AddedWallMs).ToList(), 0.5):F0} ms, p95 {Percentile(all.Select(s => s.AddedWallMs).ToList(), 0.95):F0} ms;"
                + $" floor median {Percentile(floor.Select(s => s.AddedWallMs).ToList(), 0.5):F0} ms; over the floor / compiler median {Percentile(wallRatios, 0.5):F2}x, p95 {Percentile(wallRatios, 0.95):F2}x");
            Console.WriteLine("Compilation-end analyses (RACE011 lock order, RACE000 options and baseline) do not run per document; --full N measures them.");
        }

        /// <summary>
        /// Full solution analysis: all analyzers over the whole edited compilation, compilation-end actions included
        /// (<c>GetAnalysisResultAsync</c>, whose <c>CompilationDiagnostics</c> are theirs), beside the floor.
        /// </summary>
        private static void FullSolution(Compilation compilation, IEnumerable<SyntaxTree> trees, List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> configurations)
        {
            Console.WriteLine();
            Console.WriteLine("Full solution analysis after the edit (GetAnalysisResultAsync over the whole compilation, single-threaded):");
            foreach (var tree in trees)
            {
                foreach (var (name, analyzers) in configurations)
                {
                    var (position, _) = EditSite(tree)!.Value;
                    var next = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(position, 0), " "))));
                    GC.Collect();
                    var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
                    var clock = Stopwatch.StartNew();
                    var result = next.WithAnalyzers(analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
                    var compilationEnd = result.CompilationDiagnostics.Values.Sum(d => d.Length);
                    Console.WriteLine($"  {Path.GetFileName(tree.FilePath),-12} {name,-36} {clock.Elapsed.TotalSeconds,6:F2} s  {result.GetAllDiagnostics().Length} diagnostics, {compilationEnd} from compilation-end actions");
                }
            }
        }

        /// <summary>The process's CPU time (every thread), to the nanosecond: the driver may run work off the calling thread.</summary>
        private static class CpuClock
        {
            private const int ProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID

            [StructLayout(LayoutKind.Sequential)]
            private struct Timespec
            {
                public long Seconds;
                public long Nanoseconds;
            }

            [DllImport("libc", EntryPoint = "clock_gettime")]
            private static extern int ClockGetTime(int clock, out Timespec time);

            public static double Milliseconds()
                => ClockGetTime(ProcessCpuTime, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        }

        /// <summary>Nearest-rank percentile.</summary>
        private static double Percentile(List<double> values, double p)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }
    }
}
