using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules
{
    /// <summary>
    /// The shape shared by rules about the order of two roles followed through calls (RACE003, RACE006/RACE007):
    /// register only where the compilation has the APIs, collect the method's role sites through call summaries,
    /// and hand the rule the control-flow graph when both roles are present.
    /// </summary>
    public abstract class RoleOrderAnalyzer : RaceAnalyzer
    {
        private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            if (!AppliesTo(catalog, options.AnyTreeSets(start.Compilation, ConfigurationKey)))
            {
                return;
            }

            var summaries = RoleSummaries.For(start.Compilation, RolesOf(catalog), options);
            var trigger = new NameReach(start.Compilation, options.OrConfigured(start.Compilation, TriggerNames(start.Compilation, start.CancellationToken)));
            AnalyzedBody.Register(
                start,
                block => InvokedNames.Of(block).Calls >= 2 && trigger.Reaches(block, TriggerDepth(options.MaxCallDepthFor(block.SyntaxTree))),
                body => Analyze(body, options, summaries, catalog));
        }

        /// <summary>The option whose presence makes the rule apply even without known APIs.</summary>
        private protected abstract string ConfigurationKey { get; }

        private protected abstract bool AppliesTo(ApiCatalog catalog, bool configured);

        private protected abstract IRoleSource RolesOf(ApiCatalog catalog);

        /// <summary>
        /// The test of the names (on syntax, before binding) of the calls without which the rule cannot apply in this compilation: a body must invoke
        /// one, or a source method that does within <see cref="TriggerDepth"/> calls.
        /// </summary>
        private protected abstract Func<string, bool> TriggerNames(Compilation compilation, CancellationToken cancellationToken);

        private protected virtual int TriggerDepth(int maxCallDepth) => maxCallDepth;

        /// <summary>True when the sites hold both roles the rule orders.</summary>
        private protected abstract bool HasBothRoles(List<RoleSite> sites);

        private protected abstract void Report(AnalyzedBody body, List<RoleSite> sites);

        /// <summary>
        /// A cheap look at the body's own calls before any summary is computed: false when the rule cannot apply
        /// (RACE006/RACE007 need a commit the method makes itself).
        /// </summary>
        private protected virtual bool MayApply(IOperation root, ConfiguredMethods configured, ApiCatalog catalog) => true;

        private void Analyze(AnalyzedBody body, RaceOptions options, RoleSummaries summaries, ApiCatalog catalog)
        {
            var configured = options.MethodsFor(body.Tree);
            if (!MayApply(body.Root, configured, catalog))
            {
                return;
            }

            var sites = RoleSite.Collect(body.Root, configured, summaries, options.MaxCallDepthFor(body.Tree));
            if (HasBothRoles(sites))
            {
                Report(body, sites);
            }
        }
    }
}
