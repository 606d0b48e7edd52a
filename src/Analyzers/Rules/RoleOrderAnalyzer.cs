using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules
{
    /// <summary>
    /// The shape shared by rules about the order of two roles followed through calls (RACE003, RACE006/RACE007):
    /// register only where the compilation has the APIs, collect the method's role sites through call summaries,
    /// and hand the rule the control-flow graph when both roles are present.
    /// </summary>
    public abstract class RoleOrderAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ApiCatalog.Create(start.Compilation);
                var options = new RaceOptions(start.Options.AnalyzerConfigOptionsProvider);
                if (!AppliesTo(catalog, options.AnyTreeSets(start.Compilation, ConfigurationKey)))
                {
                    return;
                }

                var summaries = new CallSummaries(start.Compilation, RolesOf(catalog), options);
                start.RegisterOperationBlockAction(block => Analyze(block, options, summaries));
            });
        }

        /// <summary>The option whose presence makes the rule apply even without known APIs.</summary>
        private protected abstract string ConfigurationKey { get; }

        private protected abstract bool AppliesTo(ApiCatalog catalog, bool configured);

        private protected abstract IRoleSource RolesOf(ApiCatalog catalog);

        /// <summary>True when the sites hold both roles the rule orders.</summary>
        private protected abstract bool HasBothRoles(List<RoleSite> sites);

        private protected abstract void Report(OperationBlockAnalysisContext context, MethodFlow flow, List<RoleSite> sites);

        /// <summary>
        /// A cheap look at the body's own calls before any summary is computed: false when the rule cannot apply
        /// (RACE006/RACE007 need a commit the method makes itself).
        /// </summary>
        private protected virtual bool MayApply(IOperation root, ConfiguredMethods configured, IRoleSource roles) => true;

        private void Analyze(OperationBlockAnalysisContext context, RaceOptions options, CallSummaries summaries)
        {
            if (!AnalyzableBody.TryGet(context, out var root, out var block))
            {
                return;
            }

            var tree = root.Syntax.SyntaxTree;
            var configured = options.MethodsFor(tree);
            if (!MayApply(root, configured, summaries.Source))
            {
                return;
            }

            var sites = RoleSite.Collect(root, configured, summaries, options.MaxCallDepthFor(tree));
            if (HasBothRoles(sites))
            {
                Report(context, MethodFlow.Create(context.GetControlFlowGraph(block), context.CancellationToken), sites);
            }
        }
    }
}
