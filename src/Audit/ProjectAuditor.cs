using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Rules.Locks;

namespace RaceAnalyzers.Audit
{
    /// <summary>What one project gave: the RACE diagnostics of every rule, and the lock facts of its bodies.</summary>
    internal sealed record ProjectResult(Project Project, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<AuditedMethod> Methods);

    /// <summary>Runs the package's analyzers (the assembly the NuGet package ships) and the lock walk over one project.</summary>
    internal static class ProjectAuditor
    {
        /// <summary>Every analyzer of the package, made once.</summary>
        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(Descriptors).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        public static async Task<ProjectResult?> AuditAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null)
            {
                return null;
            }

            var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var methods = LockAudit.Collect(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, cancellationToken);
            return new ProjectResult(project, diagnostics, methods);
        }
    }
}
