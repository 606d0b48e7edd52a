using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// <c>race-audit</c>: loads a solution or project, runs every RaceAnalyzers rule and the lock audit over all of
    /// it, and writes race-audit.md, .json and .sarif. Exit codes: 0 nothing found, 1 findings, 2 could not audit.
    /// </summary>
    public static class Program
    {
        public const int Clean = 0;
        public const int Found = 1;
        public const int Failed = 2;

        public static async Task<int> Main(string[] args)
        {
            var (arguments, problem) = AuditArguments.Parse(args);
            if (arguments == null)
            {
                Console.Error.WriteLine(problem == null ? AuditArguments.Usage : "race-audit: " + problem + "\n" + AuditArguments.Usage);
                return problem == null ? Clean : Failed;
            }

            try
            {
                // Before any MSBuild type is loaded: the workspace must use the SDK's MSBuild, not a copy of its own.
                MSBuildLocator.RegisterDefaults();
            }
            catch (InvalidOperationException failure)
            {
                Console.Error.WriteLine("race-audit: no .NET SDK with MSBuild found: " + failure.Message);
                return Failed;
            }

            return await AuditAsync(arguments).ConfigureAwait(false);
        }

        private static async Task<int> AuditAsync(AuditArguments arguments)
        {
            var progress = new Progress();
            using var workspace = MSBuildWorkspace.Create(arguments.Properties.ToDictionary(p => p.Key, p => p.Value));
            IReadOnlyList<Project> projects;
            IReadOnlyList<ProjectStatus> failed;
            IReadOnlyList<string> problems;
            try
            {
                progress.Report("loading " + Path.GetFileName(arguments.Target));
                (projects, failed, problems) = await SolutionLoader.LoadAsync(workspace, arguments.Target, progress, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is InvalidOperationException || failure is IOException || failure is InvalidDataException)
            {
                Console.Error.WriteLine("race-audit: could not load " + arguments.Target + ": " + failure.Message);
                return Failed;
            }

            if (projects.Count == 0)
            {
                Console.Error.WriteLine("race-audit: no C# project could be loaded from " + arguments.Target);
                foreach (var message in problems)
                {
                    Console.Error.WriteLine("  " + message);
                }

                return Failed;
            }

            var analyzed = new List<AnalyzedProject>();
            for (var i = 0; i < projects.Count; i++)
            {
                progress.Report($"[{i + 1}/{projects.Count}] analyzing {projects[i].Name}");
                if (await ProjectAuditor.AnalyzeAsync(projects[i], CancellationToken.None).ConfigureAwait(false) is { } result)
                {
                    analyzed.Add(result);
                }
            }

            progress.Report("reading locks across " + analyzed.Count + " projects");
            var results = ProjectAuditor.CollectLocks(analyzed, CancellationToken.None);

            var report = new ReportBuilder(arguments.Target).Build(arguments.Target, results, failed, problems);
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
                await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
                progress.Report("wrote " + path);
            }

            Console.WriteLine($"race-audit: {report.Locks.Count} locks, {report.Cycles.Count} lock-order cycles, {report.HeldAcrossSlowCalls.Count} slow calls under a lock, {report.Findings.Count} findings");
            var crashes = report.Problems.Where(p => p.Contains("AD0001", StringComparison.Ordinal) || p.Contains("threw an exception", StringComparison.Ordinal)).ToList();
            foreach (var crash in crashes)
            {
                // Exit 2 says why where a CI log shows it, not only among the report's problems.
                Console.Error.WriteLine("race-audit: an analyzer failed, so the audit is incomplete: " + crash);
            }

            return crashes.Count > 0 ? Failed
                : report.HasFindings || report.Cycles.Count > 0 ? Found
                : Clean;
        }
    }
}
