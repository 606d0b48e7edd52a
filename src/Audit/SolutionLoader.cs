using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace RaceAnalyzers.Audit
{
    /// <summary>Opens a solution or project with MSBuildWorkspace; a project that fails to load is named, the rest still load.</summary>
    internal static class SolutionLoader
    {
        private static readonly Regex SlnProject = new Regex(@"""([^""]+\.csproj)""", RegexOptions.Compiled);
        private static readonly Regex SlnxProject = new Regex(@"Path=""([^""]+\.csproj)""", RegexOptions.Compiled);
        private static readonly Regex ProjectPath = new Regex(@"'([^']+\.csproj)'", RegexOptions.Compiled);

        /// <summary>
        /// The projects to audit: every project of a solution; for a project file, it and the projects it references
        /// (not projects it only loads as analyzers), and the load failures.
        /// </summary>
        public static async Task<(IReadOnlyList<Project> Projects, IReadOnlyList<ProjectStatus> Failed, IReadOnlyList<string> Problems)> LoadAsync(
            MSBuildWorkspace workspace, string target, Progress progress, CancellationToken cancellationToken)
        {
            var loading = new LoadProgress(progress, Path.GetDirectoryName(target)!);
            Solution solution;
            IReadOnlyList<Project> audited;
            if (Path.GetExtension(target).Equals(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                var project = await workspace.OpenProjectAsync(target, loading, cancellationToken).ConfigureAwait(false);
                solution = project.Solution;
                audited = WithReferences(project).ToList();
            }
            else
            {
                solution = await workspace.OpenSolutionAsync(target, loading, cancellationToken).ConfigureAwait(false);
                var listed = ListedProjects(target);
                audited = solution.Projects.Where(p => listed.Contains(Path.GetFullPath(p.FilePath ?? string.Empty))).SelectMany(WithReferences).Distinct().ToList();
            }

            // A project MSBuild could not evaluate can still appear, empty: it is named as not analyzed instead. One that
            // has its documents despite an error (a target that failed in the design-time build) is audited, and the
            // error listed as a problem.
            // MSBuildWorkspace reports a design-time build's warnings (NU1603 version substitution, SourceLink) as
            // failures too: only messages that carry an error are problems.
            var failures = workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure && !IsWarningOnly(d.Message)).Select(d => d.Message).Distinct().ToList();
            var usable = new HashSet<string>(
                audited.Where(p => p.DocumentIds.Count > 0).Select(p => Path.GetFullPath(p.FilePath ?? string.Empty)),
                StringComparer.OrdinalIgnoreCase);
            var failed = failures
                .Select(message => (Path: ProjectPath.Match(message) is { Success: true } match ? match.Groups[1].Value : null, message))
                .Where(failure => failure.Path != null && !usable.Contains(Path.GetFullPath(failure.Path)))
                .GroupBy(failure => Path.GetFullPath(failure.Path!), StringComparer.OrdinalIgnoreCase)
                .Select(group => new ProjectStatus(Path.GetFileNameWithoutExtension(group.Key), group.Key, Analyzed: false, group.First().message))
                .ToList();
            var failedPaths = new HashSet<string>(failed.Select(f => f.Path), StringComparer.OrdinalIgnoreCase);
            audited = audited.Where(p => !failedPaths.Contains(Path.GetFullPath(p.FilePath ?? string.Empty))).ToList();
            return (audited.Where(p => p.Language == LanguageNames.CSharp).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(), failed, failures);
        }

        private static readonly Regex MsBuildWarning = new Regex(@"\bwarning [A-Z]+\d+", RegexOptions.Compiled);
        private static readonly Regex MsBuildError = new Regex(@"\berror [A-Z]*\d*", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        /// <summary>
        /// NuGet's and SourceLink's warnings as the workspace words them, without their codes: a version substituted
        /// (NU1603), a package downgrade (NU1605), a repository without a remote.
        /// </summary>
        private static readonly Regex KnownWarningText = new Regex(
            @"was not found\. .+ was resolved instead\.|^Detected package downgrade:|Detected package downgrade:|Repository .* has no remote\.",
            RegexOptions.Compiled);

        /// <summary>A message that names MSBuild warnings (<c>warning NU1603</c>), or words a known warning, and no error.</summary>
        internal static bool IsWarningOnly(string message)
            => (MsBuildWarning.IsMatch(message) || KnownWarningText.IsMatch(message)) && !MsBuildError.IsMatch(message);

        /// <summary>
        /// The projects the solution file lists. The workspace also loads what they reference as analyzers (a
        /// ProjectReference with OutputItemType="Analyzer"), which is not part of the audited code.
        /// </summary>
        private static HashSet<string> ListedProjects(string solutionFile)
        {
            var folder = Path.GetDirectoryName(solutionFile)!;
            var pattern = solutionFile.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) ? SlnxProject : SlnProject;
            return new HashSet<string>(
                pattern.Matches(File.ReadAllText(solutionFile)).Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar)))),
                StringComparer.OrdinalIgnoreCase);
        }

        private static IEnumerable<Project> WithReferences(Project project)
        {
            var seen = new HashSet<ProjectId>();
            var pending = new Stack<Project>();
            pending.Push(project);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (!seen.Add(next.Id))
                {
                    continue;
                }

                yield return next;
                foreach (var reference in next.ProjectReferences)
                {
                    if (next.Solution.GetProject(reference.ProjectId) is { } referenced)
                    {
                        pending.Push(referenced);
                    }
                }
            }
        }

        private sealed class LoadProgress : IProgress<ProjectLoadProgress>
        {
            private readonly Progress _progress;
            private readonly string _root;

            public LoadProgress(Progress progress, string root)
            {
                _progress = progress;
                _root = root;
            }

            public void Report(ProjectLoadProgress value)
            {
                if (value.Operation == ProjectLoadOperation.Resolve)
                {
                    _progress.Report($"loaded {Path.GetRelativePath(_root, value.FilePath)}{(value.TargetFramework != null ? " (" + value.TargetFramework + ")" : string.Empty)}");
                }
            }
        }
    }
}
