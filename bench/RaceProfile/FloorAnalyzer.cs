using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RaceProfile
{
    /// <summary>What a <see cref="FloorAnalyzer"/> registers for, and then ignores.</summary>
    internal enum FloorKind
    {
        /// <summary>Named types: the baseline (the driver still drives the compilation's events, as a real build does).</summary>
        Symbols,

        /// <summary>Every operation block: adds what binding every body for analyzers costs.</summary>
        OperationBlocks,

        /// <summary>Every code block, unbound: the driver's price for the callback RaceAnalyzers registers.</summary>
        CodeBlocks,

        /// <summary>Every semantic model, once per file.</summary>
        SemanticModels,

        /// <summary>Every operation block with the control-flow graph of each body: what a flow analysis of every body costs.</summary>
        FlowGraphs,
    }

    /// <summary>
    /// Registers one kind of action and does nothing in it: the floor an analyzer of that shape pays before it does
    /// any work of its own.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class FloorAnalyzer : DiagnosticAnalyzer
    {
        private readonly FloorKind _kind;

        public FloorAnalyzer(FloorKind kind) => _kind = kind;

        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
            "FLOOR", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            switch (_kind)
            {
                case FloorKind.OperationBlocks:
                    context.RegisterOperationBlockAction(_ => { });
                    break;
                case FloorKind.CodeBlocks:
                    context.RegisterCodeBlockAction(_ => { });
                    break;
                case FloorKind.FlowGraphs:
                    context.RegisterOperationBlockAction(block =>
                    {
                        foreach (var root in block.OperationBlocks)
                        {
                            if (root is IMethodBodyOperation || root is IBlockOperation)
                            {
                                block.GetControlFlowGraph(root);
                            }
                        }
                    });
                    break;
                case FloorKind.SemanticModels:
                    context.RegisterSemanticModelAction(_ => { });
                    break;
                default:
                    context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
                    break;
            }
        }
    }
}
