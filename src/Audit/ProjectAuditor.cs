using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Baseline;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Rules.Locks;

namespace RaceAnalyzers.Audit
{
    /// <summary>What one project gave: the RACE diagnostics of every rule, and the lock facts of its bodies.</summary>
    internal sealed record ProjectResult(Project Project, Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<AuditedMethod> Methods);

    /// <summary>A project compiled and its rules run; its lock facts come once every project is compiled.</summary>
    internal sealed record AnalyzedProject(Project Project, Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics);

    /// <summary>Runs the package's analyzers (the assembly the NuGet package ships) and the lock walk over the projects.</summary>
    internal static class ProjectAuditor
    {
        /// <summary>
        /// Every analyzer of the package, made once, without the baseline's suppressor and analyzer: the audit reports
        /// every finding and compares with a baseline itself (--baseline), whatever baseline the projects build with.
        /// </summary>
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(Descriptors).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Where(type => type.Namespace != typeof(BaselineFile).Namespace)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        public static async Task<AnalyzedProject?> AnalyzeAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null)
            {
                return null;
            }

            var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return new AnalyzedProject(project, compilation, diagnostics);
        }

        /// <summary>
        /// The lock facts of every project, read with summaries connected across the projects: a call into another
        /// project's method, or through an interface another project implements, is followed into that project's
        /// source, so a lock-order cycle split over two projects is one cycle here.
        /// </summary>
        public static IReadOnlyList<ProjectResult> CollectLocks(IReadOnlyList<AnalyzedProject> projects, CancellationToken cancellationToken)
        {
            var peers = new SummaryPeers<ReachedAcquisition>();
            var summaries = projects.Select(p => LockAudit.SummariesFor(p.Compilation, p.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, peers)).ToList();
            return projects.Select((p, i) => new ProjectResult(
                p.Project,
                p.Compilation,
                p.Diagnostics,
                LockAudit.Collect(p.Compilation, p.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, summaries[i], cancellationToken))).ToList();
        }
    }
}
