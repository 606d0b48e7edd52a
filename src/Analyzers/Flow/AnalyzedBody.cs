using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Gating;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// One method-like body a rule analyzes: its bound operation tree, its control flow (built on first use), and
    /// where diagnostics go.
    /// </summary>
    internal sealed class AnalyzedBody
    {
        // Every analyzer sees the same operation tree (one semantic model per tree, shared by the driver); a body
        // several rules need gets one graph. Keyed weakly: the tree lives only as long as its compilation.
        private static readonly ConditionalWeakTable<IOperation, ControlFlowGraph> Graphs = new ConditionalWeakTable<IOperation, ControlFlowGraph>();

        private readonly Action<Diagnostic> _report;
        private MethodFlow? _flow;

        private AnalyzedBody(ISymbol owner, IOperation root, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            Owner = owner;
            Root = root;
            _report = report;
            CancellationToken = cancellationToken;
        }

        /// <summary>The method, property, constructor or field whose body this is.</summary>
        public ISymbol Owner { get; }

        /// <summary>The body's root operation: a method, constructor or initializer body, or the top-level statements.</summary>
        public IOperation Root { get; }

        public SyntaxTree Tree => Root.Syntax.SyntaxTree;

        public CancellationToken CancellationToken { get; }

        public MethodFlow Flow => _flow ??= MethodFlow.Create(Graphs.GetValue(Root, root => GraphOf(root, CancellationToken)), CancellationToken);

        public void Report(Diagnostic diagnostic) => _report(diagnostic);

        /// <summary>
        /// What every rule passes to <c>ConfigureGeneratedCodeAnalysis</c>: the driver hands over generated code too
        /// and filters nothing; <see cref="Register"/> skips generated code itself (<see cref="GeneratedCode"/> says why).
        /// </summary>
        public const GeneratedCodeAnalysisFlags GeneratedCodeFlags = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>
        /// Registers <paramref name="analyze"/> for every code block that passes <paramref name="mayMatter"/>, a
        /// check on syntax alone. Only blocks that pass are bound, so the build pays for the few bodies that call
        /// something a rule knows, not for every method. Bodies with syntax errors (half-typed code) and generated
        /// code are skipped.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext start, Func<SyntaxNode, bool> mayMatter, Action<AnalyzedBody> analyze)
        {
            start.RegisterCodeBlockAction(context =>
            {
                var block = context.CodeBlock;
                if (!mayMatter(block) || !IsAnalyzed(block, context.OwningSymbol, context.SemanticModel.Compilation, context.CancellationToken))
                {
                    return;
                }

                var root = context.SemanticModel.GetOperation(block, context.CancellationToken);
                if (root != null && root.Parent == null && HasGraph(root))
                {
                    analyze(new AnalyzedBody(context.OwningSymbol, root, context.ReportDiagnostic, context.CancellationToken));
                }
            });
        }

        /// <summary>
        /// Whether a body is one the rules analyze: no syntax errors (half-typed code) and not generated. Everything
        /// that lists bodies itself (race-audit) asks this too, so reports and diagnostics cannot disagree.
        /// </summary>
        public static bool IsAnalyzed(SyntaxNode block, ISymbol owner, Compilation compilation, CancellationToken cancellationToken)
            => !HasSyntaxErrors(block) && !GeneratedCode.Holds(owner, block.SyntaxTree, compilation, cancellationToken);

        private static bool HasSyntaxErrors(SyntaxNode block)
        {
            if (!block.ContainsDiagnostics)
            {
                return false;
            }

            foreach (var diagnostic in block.GetDiagnostics())
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The control flow of a body found again outside an analysis (a fix planning its rewrite): the same graph the
        /// rules walked, when the driver's is still alive. Null for roots without a graph.
        /// </summary>
        public static MethodFlow? FlowOf(IOperation root, CancellationToken cancellationToken)
            => root.Parent == null && HasGraph(root) ? MethodFlow.Create(Graphs.GetValue(root, r => GraphOf(r, cancellationToken)), cancellationToken) : null;

        /// <summary>Roots Roslyn builds a control-flow graph for (not, say, attribute arguments or parameter defaults).</summary>
        private static bool HasGraph(IOperation root)
            => root is IMethodBodyOperation || root is IConstructorBodyOperation || root is IBlockOperation
               || root is IFieldInitializerOperation || root is IPropertyInitializerOperation;

        private static ControlFlowGraph GraphOf(IOperation root, CancellationToken cancellationToken) => root switch
        {
            IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            _ => throw new ArgumentException("No control-flow graph for " + root.Kind, nameof(root)),
        };
    }
}
