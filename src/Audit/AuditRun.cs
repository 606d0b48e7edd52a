using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;
using RaceAnalyzers.Baseline;

namespace RaceAnalyzers.Audit
{
    /// <summary>One audit: (restore,) load, check the projects are restored, analyze, compare or write the baseline, write the reports.</summary>
    internal static class AuditRun
    {
        public static async Task<int> RunAsync(AuditArguments arguments, CancellationToken cancellationToken)
        {
            var progress = new Progress();
            BaselineFile? baseline = null;
            if (arguments.Baseline != null && !TryReadBaseline(arguments.Baseline, out baseline))
            {
                return Program.Failed;
            }

            if (arguments.Restore && !RestoreCheck.Restore(arguments.Target, arguments.Properties, progress))
            {
                Console.Error.WriteLine("race-audit: dotnet restore " + arguments.Target + " failed (its output is above)");
                return Program.Failed;
            }

            using var workspace = MSBuildWorkspace.Create(arguments.Properties.ToDictionary(p => p.Key, p => p.Value));
            IReadOnlyList<Project> projects;
            IReadOnlyList<ProjectStatus> failed;
            IReadOnlyList<string> problems;
            try
            {
                progress.Report("loading " + Path.GetFileName(arguments.Target));
                (projects, failed, problems) = await SolutionLoader.LoadAsync(workspace, arguments.Target, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is InvalidOperationException || failure is IOException || failure is InvalidDataException)
            {
                Console.Error.WriteLine("race-audit: could not load " + arguments.Target + ": " + failure.Message);
                return Program.Failed;
            }

            if (projects.Count == 0)
            {
                Console.Error.WriteLine("race-audit: no C# project could be loaded from " + arguments.Target);
                foreach (var message in problems)
                {
                    Console.Error.WriteLine("  " + message);
                }

                return Program.Failed;
            }

            var unrestored = RestoreCheck.Problems(projects, arguments.Properties);
            if (unrestored.Count > 0)
            {
                foreach (var (project, cause) in unrestored)
                {
                    Console.Error.WriteLine($"race-audit: project {project} is {cause}");
                }

                Console.Error.WriteLine($"race-audit: the audit would be partial. Run 'dotnet restore {arguments.Target}' first, or pass --restore.");
                return Program.Failed;
            }

            var analyzed = new List<AnalyzedProject>();
            for (var i = 0; i < projects.Count; i++)
            {
                progress.Report($"[{i + 1}/{projects.Count}] analyzing {projects[i].Name}");
                if (await ProjectAuditor.AnalyzeAsync(projects[i], cancellationToken).ConfigureAwait(false) is { } result)
                {
                    analyzed.Add(result);
                }
            }

            progress.Report("reading locks across " + Counted.Of(analyzed.Count, "project"));
            var results = ProjectAuditor.CollectLocks(analyzed, cancellationToken);
            var report = new ReportBuilder(arguments.Target).Build(arguments.Target, results, failed, problems);
            var root = Path.GetDirectoryName(arguments.Target)!;
            if (baseline != null)
            {
                report = BaselineComparison.Compare(report, baseline, arguments.Baseline!, root);
            }

            if (arguments.WriteBaseline != null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(arguments.WriteBaseline)!);
                await File.WriteAllTextAsync(arguments.WriteBaseline, BaselineComparison.Write(report.Findings, arguments.WriteBaseline), cancellationToken).ConfigureAwait(false);
                progress.Report("wrote " + arguments.WriteBaseline);
            }

            await WriteReportsAsync(arguments, report, progress, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(Summary(report));
            return ExitCode(arguments, report);
        }

        private static bool TryReadBaseline(string path, out BaselineFile? baseline)
        {
            try
            {
                baseline = BaselineFile.Parse(File.ReadAllText(path));
                return true;
            }
            catch (BaselineProblem problem)
            {
                Console.Error.WriteLine($"race-audit: the baseline {path} cannot be used: {problem.Message} (at character {problem.Position})");
                baseline = null;
                return false;
            }
        }

        private static async Task WriteReportsAsync(AuditArguments arguments, AuditReport report, Progress progress, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(arguments.OutputDirectory);
            foreach (var format in arguments.Formats)
            {
                var (file, text) = format switch
                {
                    "md" => ("race-audit.md", MarkdownReport.Write(report)),
                    "json" => ("race-audit.json", JsonReport.Write(report)),
                    _ => ("race-audit.sarif", SarifReport.Write(report)),
                };
                var path = Path.Combine(arguments.OutputDirectory, file);
                await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
                progress.Report("wrote " + path);
            }
        }

        private static string Summary(AuditReport report)
        {
            var summary = $"race-audit: {Counted.Of(report.Locks.Count, "lock")}, {Counted.Of(report.Cycles.Count, "lock-order cycle")}, "
                + $"{Counted.Of(report.HeldAcrossSlowCalls.Count, "slow call")} under a lock, {Counted.Of(report.Findings.Count, "finding")}";
            if (report.Baseline == null)
            {
                return summary;
            }

            var fresh = report.Findings.Count(f => f.BaselineState == "new");
            return summary + $" ({fresh} new, {report.Findings.Count - fresh} in the baseline, {report.Absent.Count} fixed since it)";
        }

        private static int ExitCode(AuditArguments arguments, AuditReport report)
        {
            var crashes = report.Problems.Where(p => p.Contains("AD0001", StringComparison.Ordinal) || p.Contains("threw an exception", StringComparison.Ordinal)).ToList();
            foreach (var crash in crashes)
            {
                // Exit 2 says why where a CI log shows it, not only among the report's problems.
                Console.Error.WriteLine("race-audit: an analyzer failed, so the audit is incomplete: " + crash);
            }

            if (crashes.Count > 0)
            {
                return Program.Failed;
            }

            if (arguments.WriteBaseline != null)
            {
                return Program.Clean;
            }

            var failing = report.Baseline != null ? report.Findings.Any(f => f.BaselineState == "new") : report.HasFindings || report.Cycles.Count > 0;
            return failing ? Program.Found : Program.Clean;
        }
    }
}
