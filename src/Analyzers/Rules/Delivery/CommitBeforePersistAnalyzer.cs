using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// RACE006 (a message committed before its persistence) and RACE007 (committed even when persisting it fails).
    /// One analyzer, so that a commit flagged by RACE006 is not flagged again by RACE007.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CommitBeforePersistAnalyzer : RoleOrderAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Race006CommittedBeforePersist,
            Descriptors.Race007CommittedWhenPersistFails,
            Descriptors.Race007LaterCommitCoversFailure);

        private protected override string ConfigurationKey => OptionKeys.CommitMethods;

        private protected override bool AppliesTo(ApiCatalog catalog, bool configured) => catalog.HasCommitApis(configured);

        private protected override IRoleSource RolesOf(ApiCatalog catalog) => catalog.Delivery;

        private protected override Func<string, bool> TriggerNames(Compilation compilation, CancellationToken cancellationToken) => ApiCatalog.MayCommit;

        /// <summary>The commit must be the method's own.</summary>
        private protected override int TriggerDepth(int maxCallDepth) => 0;

        private protected override bool HasBothRoles(List<RoleSite> sites) => HasCommitAndPersist(sites);

        /// <summary>
        /// Only commits the method makes itself are judged (the API call, or its own wrapper named as a commit), so a
        /// body without one needs no summaries.
        /// </summary>
        private protected override bool MayApply(IOperation root, ConfiguredMethods configured, ApiCatalog catalog)
        {
            foreach (var call in BodyOperations.Of(root).Invocations)
            {
                // By the method alone: classifying every call in full (a write's data, its SQL text) cost more than the rest of the check.
                if (!call.IsImplicit
                    && (catalog.Commits(call.TargetMethod, configured) || ApiCatalog.IsCommitWrapper(call.TargetMethod)))
                {
                    return true;
                }
            }

            return false;
        }

        private protected override void Report(AnalyzedBody context, List<RoleSite> sites)
        {
            // Straight-line handlers (persist, then commit) leave nothing to find; only the others pay for a graph.
            if (ClearDeliveryOrder.NeedsFlow(sites))
            {
                Report(context, new DeliveryOrder(context.Flow, sites, HandlerParameters.Of(context.Root)));
            }
        }

        private static void Report(AnalyzedBody context, DeliveryOrder order)
        {
            foreach (var commit in order.Commits)
            {
                var persistedAfter = order.PersistsAfter(commit);
                if (persistedAfter.Count > 0)
                {
                    var first = persistedAfter[0].Call.Syntax;
                    var last = persistedAfter[persistedAfter.Count - 1].Call.Syntax;
                    Report(context, Descriptors.Race006CommittedBeforePersist, commit, first, FixProperties.CommitAfterPersistFix, last.SpanStart);
                    continue;
                }

                var failed = order.PersistWhoseFailureStillCommits(commit);
                if (failed != null)
                {
                    Report(context, Descriptors.Race007CommittedWhenPersistFails, commit, failed.Call.Syntax, FixProperties.CommitInsideTryFix, failed.Call.Syntax.SpanStart);
                    continue;
                }

                var covered = order.PersistWhoseFailureALaterCommitCovers(commit);
                if (covered != null)
                {
                    Report(context, Descriptors.Race007LaterCommitCoversFailure, commit, covered.Call.Syntax, FixProperties.SettleInCatchFix, covered.Call.Syntax.SpanStart);
                }
            }
        }

        private static void Report(AnalyzedBody context, DiagnosticDescriptor descriptor, RoleSite commit, SyntaxNode persist, string fixKind, int persistStart)
        {
            // Only where the fix finds the code: the fixer plans the failure path from the commit's own call when asked.
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, fixKind)
                .Add(FixProperties.PersistStart, persistStart.ToString(CultureInfo.InvariantCulture));
            context.Report(Diagnostic.Create(
                descriptor,
                commit.Call.Syntax.GetLocation(),
                new[] { persist.GetLocation() },
                properties,
                Text.Short(commit.Call.Syntax),
                Text.Short(persist),
                Text.Line(persist)));
        }

        private static bool HasCommitAndPersist(List<RoleSite> sites)
        {
            bool commit = false, persist = false;
            foreach (var site in sites)
            {
                commit |= site.IsOwnCommit;
                persist |= site.Role == Role.Persist;
            }

            return commit && persist;
        }
    }
}
