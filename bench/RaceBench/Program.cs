using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace RaceBench
{
    /// <summary>
    /// dotnet run --project bench/RaceBench -c Release -- [--lines 200000] [--pairs 5] [--seed 1] [--api-percent 30] [--scaling] [--per-rule] [--whole-build] [--runtime] [--side-by-side]
    /// dotnet run --project bench/RaceBench -c Release -- --generate DIR [--lines N] [--seed 1] [--api-percent 30]
    ///     only writes a code base (the Fix All end-to-end test uses it) and prints "RACE00N planted count" lines.
    /// Compiles a generated code base with and without RaceAnalyzers, alternating, and reports the median overhead,
    /// per-rule analyzer time, peak compiler memory and the diagnostics found against the bugs planted. The compiler
    /// runs alone on the command line a build gave it (<see cref="CompilerCommand"/>); --whole-build times whole
    /// <c>dotnet build</c> runs instead. --runtime loads bench/RuntimeStats into every compiler process and adds what
    /// it saw (JIT, collector, allocations: <see cref="RuntimeSample"/>) to the report. --side-by-side runs the two
    /// compiles of a pair at the same time, one core each, so that a slower minute of a shared machine slows both.
    /// </summary>
    internal static class Program
    {
        private static readonly Regex RaceWarning = new Regex(@"(?<at>[^\s(]+\.cs\(\d+,\d+\)): warning (?<id>RACE\d{3})", RegexOptions.Multiline);
        /// <summary>
        /// Each analyzer and the rules it reports, from the rule records: a build with only one analyzer turns the
        /// others' rules off. RACE000 judges .editorconfig settings and RACE014-015 the baseline, and the generated code base has neither.
        /// </summary>
        private static readonly (string Analyzer, string[] Rules)[] Analyzers = RaceAnalyzers.RuleRecords.All
            .Where(rule => rule.FindsRaces)
            .GroupBy(rule => rule.Analyzer)
            .Select(group => (group.Key, group.Select(rule => rule.Id).ToArray()))
            .ToArray();

        private static readonly Regex RuleTime = new Regex(@"^\s*(?<seconds>\d+(\.\d+)?)\s+(?<percent>\d+|<1)\s+RaceAnalyzers\.Rules\.(?:\w+\.)?(?<rule>\w+Analyzer)\b", RegexOptions.Multiline);

        private static int Main(string[] args)
        {
            var lines = IntOption(args, "--lines", 200_000);
            var pairs = IntOption(args, "--pairs", 5);
            var seed = IntOption(args, "--seed", 1);
            var apiPercent = IntOption(args, "--api-percent", 30);
            var generateInto = StringOption(args, "--generate");
            if (generateInto != null)
            {
                var generator = new CodeBaseGenerator(seed, apiPercent);
                generator.Generate(Path.GetFullPath(generateInto), lines, longMethodStatements: 0);
                foreach (var (rule, count) in generator.Planted.OrderBy(p => p.Key))
                {
                    Console.WriteLine($"{rule} planted {count}");
                }

                Console.WriteLine($"templates planted: {generator.PlantedTemplates.Select(bug => bug.Template).Distinct().Count()} of {generator.TemplateCount}");

                return 0;
            }

            var root = FindRoot();
            var work = Path.Combine(root, "bench", "work");
            Directory.CreateDirectory(work);
            if (args.Contains("--runtime") && args.Contains("--whole-build"))
            {
                Console.Error.WriteLine("--runtime measures the compiler process alone; it cannot be combined with --whole-build.");
                return 2;
            }

            var sideBySide = args.Contains("--side-by-side");
            if (sideBySide && args.Contains("--whole-build"))
            {
                Console.Error.WriteLine("--side-by-side runs the compiler alone, without and with at once; it cannot be combined with --whole-build.");
                return 2;
            }

            string? runtimeHook = null;
            if (args.Contains("--runtime"))
            {
                Run(root, "build", Path.Combine(root, "bench", "RuntimeStats", "RuntimeStats.csproj"), "-c", "Release", "-nologo", "-v:q");
                runtimeHook = Path.Combine(root, "bench", "RuntimeStats", "bin", "Release", "net10.0", "RuntimeStats.dll");
            }

            Run(root, "build", Path.Combine(root, "src", "Analyzers", "RaceAnalyzers.csproj"), "-c", "Release", "-nologo", "-v:q");
            var analyzer = Path.Combine(root, "src", "Analyzers", "bin", "Release", "netstandard2.0", "RaceAnalyzers.dll");

            var report = new StringBuilder();
            report.AppendLine($"RaceBench — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, seed {seed}, {pairs} pairs per size").AppendLine();
            report.AppendLine("| code base | lines | wall without / with (median s) | wall overhead | CPU without / with (median s) | CPU overhead (ratio of medians) | CPU added (median of pairs) | peak MB without / with | diagnostics / planted |");
            report.AppendLine("|---|---|---|---|---|---|---|---|---|");

            // Each code base: lines, statements of the long method planted every 200 classes, share of API classes.
            var sizes = args.Contains("--scaling")
                ? new[] { (50_000, 0, apiPercent), (100_000, 0, apiPercent), (200_000, 0, apiPercent), (400_000, 0, apiPercent), (20_000, 500, apiPercent), (20_000, 1_000, apiPercent), (20_000, 2_000, apiPercent) }
                : new[] { (lines, 1_000, apiPercent), (lines, 1_000, 100) };
            Measurement? main = null;
            var measured = new List<(string Label, Measurement Measurement)>();
            foreach (var (size, longMethod, percent) in sizes)
            {
                var measurement = Measure(work, analyzer, size, longMethod, percent, pairs, seed, perRule: main == null && args.Contains("--per-rule"), report: main == null, wholeBuild: args.Contains("--whole-build"), runtimeHook, sideBySide);
                main ??= measurement;
                var label = longMethod > 0 && args.Contains("--scaling") ? $"long methods of {longMethod} statements"
                    : percent == 100 ? "API-dense (every class)" : $"services ({percent}% API classes)";
                measured.Add((label, measurement));
                report.AppendLine($"| {label} | {measurement.Lines:N0} | {measurement.Without:F2} / {measurement.With:F2} | {measurement.Overhead:P1} | {measurement.CpuWithout:F2} / {measurement.CpuWith:F2} | {measurement.CpuOverhead:P1} | {measurement.CpuAdded:F2} s ({measurement.CpuAdded / measurement.CpuWithout:P1}) | {measurement.PeakWithout} / {measurement.PeakWith} | {measurement.Found} / {measurement.Planted} |");
            }

            report.AppendLine().AppendLine(args.Contains("--whole-build")
                ? "Times are of whole `dotnet build` runs (MSBuild included)."
                : "Times are of the compiler alone (`csc /noconfig @rsp`, the command line a detailed build gave it, with and without RaceAnalyzers' `/analyzer:`; every other analyzer and generator of the build kept); MSBuild's own work is the same on both sides and left out.");
            if (sideBySide)
            {
                report.AppendLine().AppendLine("Side by side: the two compiles of each pair ran at the same time, each with `/parallel-` (one core each), the one started first alternating. CPU added is the median over the pairs of with minus without.");
            }

            report.AppendLine().AppendLine(sideBySide
                ? "CPU seconds of every build, pair by pair (both sides of a pair ran at once):"
                : "CPU seconds of every build, pair by pair (the side built first alternates: ABBA):").AppendLine();
            foreach (var (label, measurement) in measured)
            {
                report.AppendLine($"- {label}: without {string.Join(", ", measurement.CpuWithoutRuns.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}; with {string.Join(", ", measurement.CpuWithRuns.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}");
            }

            if (runtimeHook != null)
            {
                AppendRuntimeSplit(report, measured);
            }

            report.AppendLine().AppendLine("Per analyzer, first code base: the CPU overhead of a build with only that analyzer's rules on (median of the same pairs; side by side, the median of its CPU difference to a compile without the package run at the same time), and the compiler's `/reportanalyzer` time (what `-p:ReportAnalyzer=true` shows: wall time inside its callbacks summed over threads: JIT of the analyzer and of Roslyn's operation and flow-graph code, and binding of the bodies it asks for, included) as a share of the median CPU time without analyzers:").AppendLine();
            report.AppendLine("| analyzer | CPU overhead alone | ReportAnalyzer seconds | share |").AppendLine("|---|---|---|---|");
            foreach (var (rule, seconds) in main!.RuleSeconds.OrderByDescending(r => r.Value))
            {
                var alone = main.RuleOverhead.TryGetValue(rule, out var overhead) ? overhead.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
                report.AppendLine($"| {rule} | {alone} | {seconds:F3} | {seconds / main.CpuWithout:P2} |");
            }

            var text = report.ToString();
            File.WriteAllText(Path.Combine(work, "results.md"), text);
            Console.WriteLine(text);
            return main.Found == main.Planted ? 0 : 1;
        }

        private sealed class Measurement
        {
            public int Lines;
            public double Without;
            public double With;
            public double Overhead => With / Without - 1;
            public double CpuWithout;
            public double CpuWith;
            public double CpuOverhead => CpuWith / CpuWithout - 1;
            public long PeakWithout;
            public long PeakWith;
            public int Found;
            public int Planted;
            public Dictionary<string, double> RuleSeconds = new Dictionary<string, double>();
            public Dictionary<string, double> RuleOverhead = new Dictionary<string, double>();
            public List<double> CpuWithoutRuns = new List<double>();
            public List<double> CpuWithRuns = new List<double>();

            /// <summary>The median over the pairs of with minus without: unlike a ratio of medians, a slow minute of the machine that hits both sides of a pair cancels.</summary>
            public double CpuAdded => Median(CpuWithRuns.Zip(CpuWithoutRuns, (with, without) => with - without).ToList());
            public List<RuntimeSample> RuntimeWithout = new List<RuntimeSample>();
            public List<RuntimeSample> RuntimeWith = new List<RuntimeSample>();
        }

        /// <summary>Per code base, the median of each runtime value with and without RaceAnalyzers, and the difference.</summary>
        private static void AppendRuntimeSplit(StringBuilder report, List<(string Label, Measurement Measurement)> measured)
        {
            report.AppendLine().AppendLine("What the runtime saw inside the compiler process (bench/RuntimeStats; median of the same compiles; JIT time is summed over threads, so it is CPU time):");
            foreach (var (label, measurement) in measured)
            {
                report.AppendLine().AppendLine($"{label}:").AppendLine();
                report.AppendLine("| value | without | with | added |").AppendLine("|---|---|---|---|");
                foreach (var (rowLabel, name, format) in RuntimeSample.Rows)
                {
                    var without = Median(measurement.RuntimeWithout.Select(sample => sample[name]).ToList());
                    var with = Median(measurement.RuntimeWith.Select(sample => sample[name]).ToList());
                    report.AppendLine($"| {rowLabel} | {without.ToString(format, CultureInfo.InvariantCulture)} | {with.ToString(format, CultureInfo.InvariantCulture)} | {(with - without).ToString(format, CultureInfo.InvariantCulture)} |");
                }
            }
        }

        private static Measurement Measure(string work, string analyzer, int lines, int longMethod, int apiPercent, int pairs, int seed, bool perRule, bool report, bool wholeBuild, string? runtimeHook, bool sideBySide)
        {
            var directory = Path.Combine(work, $"gen-{lines}-{longMethod}-{apiPercent}");
            var generator = new CodeBaseGenerator(seed, apiPercent);
            generator.Generate(directory, lines, longMethod);
            var project = Path.Combine(directory, "Generated.csproj");
            Run(directory, "restore", project, "-nologo", "-v:q");
            var compiler = wholeBuild ? null : CompilerCommand.FromLog(
                Run(directory, "build", project, "-c", "Release", "--no-restore", "--no-incremental", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:RaceAnalyzersPath=" + analyzer, "-v:d"),
                analyzer,
                directory);

            var without = new List<double>();
            var with = new List<double>();
            var cpuWithout = new List<double>();
            var cpuWith = new List<double>();
            var measurement = new Measurement { Lines = generator.Lines, Planted = generator.Planted.Values.Sum() };
            var cpuWithOnly = Analyzers.ToDictionary(a => a.Analyzer, _ => new List<double>());
            var addedAlone = Analyzers.ToDictionary(a => a.Analyzer, _ => new List<double>());
            var single = new[] { "/parallel-" };
            for (var pair = 0; pair < pairs; pair++)
            {
                // Each analyzer alone, in the same rotation: its own cost, binding of the bodies it asks for included.
                // Side by side, against a compile without the package run at the same time.
                foreach (var (name, _) in perRule ? Analyzers : Array.Empty<(string, string[])>())
                {
                    var config = OnlyConfig(directory, name);
                    if (sideBySide)
                    {
                        var (alone, bare) = Together(
                            () => Build(directory, project, compiler, analyzer, report: false, onlyConfig: config, tag: "alone", extraArguments: single),
                            () => Build(directory, project, compiler, null, report: false, tag: "without", extraArguments: single),
                            secondFirst: pair % 2 == 0);
                        addedAlone[name].Add(alone.CpuSeconds - bare.CpuSeconds);
                    }
                    else
                    {
                        cpuWithOnly[name].Add(Build(directory, project, compiler, analyzer, report: false, onlyConfig: config).CpuSeconds);
                    }
                }

                if (sideBySide)
                {
                    var (withBuild, withoutBuild) = Together(
                        () => Build(directory, project, compiler, analyzer, report: false, runtimeHook: runtimeHook, tag: "with", extraArguments: single),
                        () => Build(directory, project, compiler, null, report: false, runtimeHook: runtimeHook, tag: "without", extraArguments: single),
                        secondFirst: pair % 2 == 0);
                    RecordWithout(withoutBuild);
                    RecordWith(withBuild);
                }

                // Alternate which build goes first (ABBA): the second build of a pair runs on a warmer machine
                // (file cache, memory), which would otherwise always favour one side.
                else if (pair % 2 == 0)
                {
                    BuildWithout();
                    BuildWith();
                }
                else
                {
                    BuildWith();
                    BuildWithout();
                }
            }

            void BuildWithout() => RecordWithout(Build(directory, project, compiler, null, report: false, runtimeHook: runtimeHook));

            void BuildWith() => RecordWith(Build(directory, project, compiler, analyzer, report: false, runtimeHook: runtimeHook));

            void RecordWithout((double Seconds, double CpuSeconds, long PeakMegabytes, string Output, RuntimeSample? Runtime) build)
            {
                var (seconds, cpu, peak, _, runtime) = build;
                without.Add(seconds);
                if (runtime != null)
                {
                    measurement.RuntimeWithout.Add(runtime);
                }
                cpuWithout.Add(cpu);
                measurement.PeakWithout = Math.Max(measurement.PeakWithout, peak);
            }

            void RecordWith((double Seconds, double CpuSeconds, long PeakMegabytes, string Output, RuntimeSample? Runtime) build)
            {
                var (seconds, cpu, peak, output, runtime) = build;
                with.Add(seconds);
                if (runtime != null)
                {
                    measurement.RuntimeWith.Add(runtime);
                }
                cpuWith.Add(cpu);
                measurement.PeakWith = Math.Max(measurement.PeakWith, peak);
                measurement.Found = RaceWarning.Matches(output).Select(m => m.Groups["at"].Value + m.Groups["id"].Value).Distinct().Count();
            }

            measurement.Without = Median(without);
            measurement.With = Median(with);
            measurement.CpuWithout = Median(cpuWithout);
            measurement.CpuWith = Median(cpuWith);
            measurement.CpuWithoutRuns = cpuWithout;
            measurement.CpuWithRuns = cpuWith;
            foreach (var (name, times) in cpuWithOnly.Where(t => t.Value.Count > 0))
            {
                measurement.RuleOverhead[name] = Median(times) / measurement.CpuWithout - 1;
            }

            foreach (var (name, differences) in addedAlone.Where(t => t.Value.Count > 0))
            {
                measurement.RuleOverhead[name] = Median(differences) / measurement.CpuWithout;
            }

            if (report)
            {
                var (_, _, _, detailed, _) = Build(directory, project, compiler, analyzer, report: true);
                foreach (Match match in RuleTime.Matches(detailed))
                {
                    measurement.RuleSeconds[match.Groups["rule"].Value] = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
                }
            }

            Console.WriteLine($"{generator.Lines:N0} lines: wall {measurement.Without:F2}s → {measurement.With:F2}s ({measurement.Overhead:P1}), CPU {measurement.CpuWithout:F2}s → {measurement.CpuWith:F2}s ({measurement.CpuOverhead:P1}; added per pair, median {measurement.CpuAdded:F2}s), {measurement.Found}/{measurement.Planted} found");
            return measurement;
        }

        /// <summary>
        /// Runs two compiles that start together, each on one thread (/parallel-), so the two cores are split evenly
        /// and whatever else slows this shared machine for that minute slows both; <paramref name="secondFirst"/> flips
        /// which process starts first (the one started second paid about 0.7 s more on API-dense when it never alternated).
        /// </summary>
        private static (T First, T Second) Together<T>(Func<T> first, Func<T> second, bool secondFirst)
        {
            var early = System.Threading.Tasks.Task.Run(secondFirst ? second : first);
            var late = System.Threading.Tasks.Task.Run(secondFirst ? first : second);
            return secondFirst ? (late.Result, early.Result) : (early.Result, late.Result);
        }

        /// <summary>A global analyzer config that turns off every rule but those of <paramref name="analyzer"/>.</summary>
        private static string OnlyConfig(string directory, string analyzer)
        {
            var path = Path.Combine(directory, $"only-{analyzer}.globalconfig");
            var lines = new List<string> { "is_global = true" };
            foreach (var (name, rules) in Analyzers.Where(a => a.Analyzer != analyzer))
            {
                lines.AddRange(rules.Select(rule => $"dotnet_diagnostic.{rule}.severity = none"));
            }

            File.WriteAllLines(path, lines);
            return path;
        }

        /// <summary>
        /// One full compile: the compiler alone on its captured command line, or with <paramref name="compiler"/> null
        /// a whole build (no incremental shortcut, no shared compiler server). Wall seconds, CPU seconds (user +
        /// system of every process, less sensitive than wall time to a busy shared machine), peak MB, output, and with
        /// <paramref name="runtimeHook"/> what the runtime saw inside the compiler. <paramref name="tag"/> names the files
        /// of a compile that runs beside another; <paramref name="extraArguments"/> go to the compiler.
        /// </summary>
        private static (double Seconds, double CpuSeconds, long PeakMegabytes, string Output, RuntimeSample? Runtime) Build(
            string directory, string project, CompilerCommand? compiler, string? analyzer, bool report, string? onlyConfig = null, string? runtimeHook = null,
            string tag = "", string[]? extraArguments = null)
        {
            var statsFile = Path.Combine(directory, $"runtime-stats{tag}.txt");
            File.Delete(statsFile);
            var peakFile = Path.Combine(directory, $"peak{tag}.txt");
            var arguments = new List<string> { "-f", "%M %U %S", "-o", peakFile };
            if (compiler != null)
            {
                arguments.AddRange(compiler.Compiler.EndsWith(".dll", StringComparison.Ordinal) ? new[] { "dotnet", "exec", compiler.Compiler } : new[] { compiler.Compiler });
                arguments.AddRange(compiler.Arguments(analyzer != null));
                if (onlyConfig != null)
                {
                    arguments.Add("/analyzerconfig:" + onlyConfig);
                }

                if (report)
                {
                    arguments.Add("/reportanalyzer");
                }

                arguments.AddRange(extraArguments ?? Array.Empty<string>());
            }
            else
            {
                arguments.AddRange(new[]
                {
                    "dotnet", "build", project, "-c", "Release", "--no-restore", "--no-incremental", "-nologo",
                    "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:RaceAnalyzersPath=" + (analyzer ?? string.Empty),
                    report ? "-v:d" : "-v:q",
                });
                if (onlyConfig != null)
                {
                    arguments.Add("-p:RaceOnlyConfig=" + onlyConfig);
                }

                if (report)
                {
                    arguments.Add("-p:ReportAnalyzer=true");
                }
            }

            var watch = Stopwatch.StartNew();
            var output = Run(directory, runtimeHook == null ? null : RuntimeSample.Environment(runtimeHook, statsFile), "/usr/bin/time", arguments.ToArray());
            watch.Stop();
            var fields = File.ReadAllText(peakFile).Trim().Split('\n').Last().Split(' ');
            var peak = long.TryParse(fields[0], out var kilobytes) ? kilobytes / 1024 : 0;
            var cpu = fields.Length >= 3 ? double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture) : 0;
            return (watch.Elapsed.TotalSeconds, cpu, peak, output, runtimeHook == null ? null : RuntimeSample.ReadLast(statsFile));
        }

        private static string Run(string directory, string file, params string[] arguments) => Run(directory, null, file, arguments);

        private static string Run(string directory, IEnumerable<KeyValuePair<string, string>>? environment, string file, string[] arguments)
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            if (file != "/usr/bin/time")
            {
                start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(file);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (name, value) in environment ?? Array.Empty<KeyValuePair<string, string>>())
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var output = stdout.Result + stderr.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(" ", arguments)} failed:\n{output}");
            }

            return output;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static string? StringOption(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        private static int IntOption(string[] args, string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RaceAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("RaceAnalyzers.sln not found");
        }
    }
}
