using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceProfile
{
    /// <summary>
    /// Does nothing, or asks for every operation block and does nothing with it. The first is the baseline of an
    /// in-process run (CompilationWithAnalyzers binds the whole compilation to produce its events, which a real
    /// build does anyway); the second adds what binding every body for analyzers costs, the price any analyzer
    /// that registers operation actions pays on every method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class FloorAnalyzer : DiagnosticAnalyzer
    {
        private readonly bool _operationBlocks;

        public FloorAnalyzer(bool operationBlocks) => _operationBlocks = operationBlocks;

        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
            "FLOOR", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            if (_operationBlocks)
            {
                context.RegisterOperationBlockAction(_ => { });
            }
            else
            {
                // A symbol action makes the driver drive the compilation's events, as a real build does.
                context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
            }
        }
    }
}
