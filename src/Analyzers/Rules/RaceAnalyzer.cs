using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules
{
    /// <summary>
    /// What every rule of the package does at start: run concurrently, see generated code itself (see
    /// <see cref="AnalyzedBody.GeneratedCodeFlags"/>), and register per compilation with the compilation's shared
    /// <see cref="ApiCatalog"/> and its shared options.
    /// </summary>
    public abstract class RaceAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(AnalyzedBody.GeneratedCodeFlags);
            context.RegisterCompilationStartAction(start => OnCompilationStart(
                start,
                ApiCatalog.For(start.Compilation),
                RaceOptions.For(start.Compilation, start.Options.AnalyzerConfigOptionsProvider)));
        }

        /// <summary>Registers the rule's actions; registers nothing when none of its APIs exist in the compilation.</summary>
        private protected abstract void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options);
    }
}
