using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Rules.Delivery;
using RaceAnalyzers.Rules.EfCore;
using RaceAnalyzers.Rules.InMemory;
using RaceAnalyzers.Rules.Locks;
using RaceAnalyzers.Rules.Pools;
using RaceAnalyzers.Rules.Sql;
using RaceAnalyzers.Rules.Streams;

namespace RaceProfile
{
    /// <summary>
    /// dotnet run --project bench/RaceProfile -c Release -- &lt;generated dir&gt; [--only Prefix,Prefix] [--rounds 3]
    /// dotnet run --project bench/RaceProfile -c Release -- &lt;generated or source dir&gt; --dispatch (see <see cref="DispatchStats"/>)
    /// dotnet run --project bench/RaceProfile -c Release -- &lt;generated dir&gt; --shared (see <see cref="SharedCost"/>)
    /// dotnet run --project bench/RaceProfile -c Release -- &lt;generated dir&gt; --ide [--documents 60] [--warmup 3] [--full 0] [--only Prefix,Prefix] [--cold] [--repeat 1] (see <see cref="IdeProbe"/>)
    /// Runs each RaceAnalyzers analyzer alone, single-threaded, over a code base RaceBench generated, beside an
    /// analyzer that registers for every operation block and does nothing (the floor any operation-based analyzer
    /// pays). Prints CPU seconds per analyzer so a change can be judged before a full RaceBench run; run it under
    /// dotnet-trace to see where an analyzer spends its time.
    /// </summary>
    internal static class Program
    {
        private const string Usage = "usage: RaceProfile <directory RaceBench generated, or a source directory for --dispatch> [--only Prefix,Prefix] [--rounds 3] | --dispatch | --shared | --ide [--documents 60] [--warmup 3] [--full 0] [--only Prefix,Prefix] [--cold] [--repeat 1]";

        private static int Main(string[] args)
        {
            if (args.Length == 0 || args[0].StartsWith("-", StringComparison.Ordinal) || !Directory.Exists(args[0]))
            {
                Console.Error.WriteLine(args.Length == 0 || args[0].StartsWith("-", StringComparison.Ordinal) ? Usage : $"No such directory: {args[0]}\n{Usage}");
                return 2;
            }

            var directory = Path.GetFullPath(args[0]);
            if (args.Contains("--dispatch"))
            {
                return DispatchStats.Print(File.Exists(Path.Combine(directory, "Generated.csproj")) ? Load(directory) : DispatchStats.LoadTree(directory));
            }

            if (args.Contains("--shared"))
            {
                return SharedCost.Print(Load(directory));
            }

            if (args.Contains("--ide"))
            {
                return IdeProbe.Run(Load(directory), int.Parse(Option(args, "--documents") ?? "60"), int.Parse(Option(args, "--warmup") ?? "3"), int.Parse(Option(args, "--full") ?? "0"), Option(args, "--only"), args.Contains("--cold"), int.Parse(Option(args, "--repeat") ?? "1"));
            }

            var only = Option(args, "--only");
            var rounds = int.Parse(Option(args, "--rounds") ?? "3");
            var compilation = Load(directory);

            var clock = Stopwatch.StartNew();
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            Console.WriteLine($"bind without analyzers: {clock.Elapsed.TotalSeconds:F2} s, {errors} errors, {compilation.SyntaxTrees.Count()} files");

            var rules = new DiagnosticAnalyzer[] { new PooledResourceAnalyzer(), new SnapshotBeforeSubscribeAnalyzer(), new CommitBeforePersistAnalyzer(), new SqlRaceAnalyzer(), new TrackedEntityAnalyzer(), new ConcurrentDictionaryAnalyzer(), new AutoAckAnalyzer(), new LockAnalyzer() };
            var configurations = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
            {
                (Baseline, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.Symbols))),
                ("Empty operation-block analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.OperationBlocks))),
                ("Empty code-block analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.CodeBlocks))),
                ("Empty semantic-model analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(FloorKind.SemanticModels))),
                ("All RaceAnalyzers analyzers", rules.ToImmutableArray()),
            };
            foreach (var rule in rules)
            {
                configurations.Add((rule.GetType().Name, ImmutableArray.Create(rule)));
            }

            // --only runs the configurations named by these prefixes (say, one under dotnet-trace); the summary needs the baseline.
            configurations.RemoveAll(c => only != null && !only.Split(',').Any(prefix => c.Name.StartsWith(prefix, StringComparison.Ordinal)));

            var seconds = configurations.ToDictionary(c => c.Name, _ => new List<double>());
            var found = new Dictionary<string, int>();
            var insideAll = new Dictionary<string, List<double>>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, set) in configurations)
                {
                    var (cpu, count, inside) = Run(compilation, set);
                    seconds[name].Add(cpu);
                    found[name] = count;
                    if (set.Length > 1)
                    {
                        foreach (var (analyzer, time) in inside)
                        {
                            if (!insideAll.TryGetValue(analyzer, out var times))
                            {
                                insideAll[analyzer] = times = new List<double>();
                            }

                            times.Add(time);
                        }
                    }

                    Console.WriteLine($"round {round + 1}  {name,-40} {cpu,7:F2} s CPU  {count,4} diagnostics");
                }
            }

            if (insideAll.Count > 0)
            {
                // Roslyn's own per-analyzer clock, from the runs with all of them: single-threaded, so no other thread's
                // work is counted in; it includes binding the bodies each asks for and the first JIT of its code.
                Console.WriteLine();
                Console.WriteLine("Time inside each analyzer's callbacks when all run (median):");
                foreach (var (analyzer, times) in insideAll.OrderByDescending(a => Median(a.Value)))
                {
                    Console.WriteLine($"  {analyzer,-40} {Median(times),7:F2} s");
                }

                Console.WriteLine($"  {"sum",-40} {insideAll.Values.Sum(Median),7:F2} s");
            }

            if (!seconds.ContainsKey(Baseline))
            {
                return 0;
            }

            var baseline = Median(seconds[Baseline]);
            Console.WriteLine();
            Console.WriteLine($"Median CPU over {rounds} rounds, minus the baseline ({baseline:F2} s: an analyzer that does nothing):");
            foreach (var (name, _) in configurations.Skip(1))
            {
                Console.WriteLine($"  {name,-40} {Median(seconds[name]) - baseline,7:F2} s  {found[name],4} diagnostics");
            }

            return 0;
        }

        private const string Baseline = "Baseline (analyzer that does nothing)";

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static (double Cpu, int Found, List<(string Analyzer, double Seconds)> Inside) Run(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            GC.Collect();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var pausedBefore = GC.GetTotalPauseDuration();
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
            // Roslyn's per-analyzer clock is wall time: a collection that pauses the process inside a callback counts.
            Console.WriteLine($"  (garbage collection paused the process {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:F2} s)");
            var crash = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
            if (crash != null)
            {
                throw new InvalidOperationException(crash.ToString());
            }

            var inside = analyzers
                .Select(a => (a.GetType().Name, withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds))
                .ToList();
            return (cpu, diagnostics.Count(d => d.Id.StartsWith("RACE", StringComparison.Ordinal)), inside);
        }

        private static Compilation Load(string directory)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = Directory.GetFiles(directory, "*.cs")
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path))
                .ToList();
            var references = File.ReadAllLines(ReferenceList(directory))
                .Where(line => line.Length > 0)
                .Select(path => MetadataReference.CreateFromFile(path));
            return CSharpCompilation.Create(
                "Generated",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        }

        /// <summary>The generated project's resolved references, asked of MSBuild once and kept beside the sources.</summary>
        private static string ReferenceList(string directory)
        {
            var list = Path.Combine(directory, "references.txt");
            if (File.Exists(list))
            {
                return list;
            }

            var info = new ProcessStartInfo("dotnet", "msbuild Generated.csproj -p:Configuration=Release -t:FindReferenceAssembliesForReferences -getItem:ReferencePathWithRefAssemblies")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(info)!;
            var json = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var paths = document.RootElement.GetProperty("Items").GetProperty("ReferencePathWithRefAssemblies")
                .EnumerateArray().Select(item => item.GetProperty("FullPath").GetString());
            File.WriteAllLines(list, paths!);
            return list;
        }

        private static string? Option(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
    }
}
