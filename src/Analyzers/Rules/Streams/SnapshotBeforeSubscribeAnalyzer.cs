using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Streams
{
    /// <summary>RACE003: a snapshot read runs before the subscription to a live channel for the same entity.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SnapshotBeforeSubscribeAnalyzer : RoleOrderAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Race003SnapshotReadBeforeSubscribe);

        private protected override string ConfigurationKey => OptionKeys.SubscribeMethods;

        private protected override bool AppliesTo(ApiCatalog catalog, bool configured) => catalog.HasSubscriptionApis(configured);

        private protected override IRoleSource RolesOf(ApiCatalog catalog) => catalog.Streams;

        /// <summary>
        /// A SQL call subscribes only with a LISTEN text, which source must spell: without the word in any file, the
        /// bodies that run SQL (most of a data-access service) need not be bound for RACE003.
        /// </summary>
        private protected override Func<string, bool> TriggerNames(Compilation compilation, CancellationToken cancellationToken)
        {
            var sqlMayListen = SourceMentions.AnyTree(compilation, ApiCatalog.ListenKeyword, cancellationToken);
            return name => ApiCatalog.MaySubscribe(name, sqlMayListen);
        }

        private protected override bool HasBothRoles(List<RoleSite> sites) => HasBoth(sites);

        private protected override void Report(AnalyzedBody context, List<RoleSite> sites)
        {
            // Subscribe first, then read: the correct order leaves nothing to find, and only the others pay for a graph.
            if (!ClearSubscribeOrder.NeedsFlow(sites))
            {
                return;
            }

            var flow = context.Flow;
            foreach (var subscribe in sites)
            {
                if (subscribe.Role != Role.Subscribe || !flow.TryGetStepOf(subscribe.Call.Syntax, out var subscribeStep))
                {
                    continue;
                }

                var (read, earliest) = ReadsBefore(flow, subscribe, subscribeStep, sites);
                if (read == null || earliest == null)
                {
                    continue;
                }

                var readSyntax = read.Call.Syntax;
                var additional = new List<Location> { readSyntax.GetLocation() };
                if (read.Origin != additional[0])
                {
                    additional.Add(read.Origin);
                }

                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(FixProperties.FixKind, FixProperties.SubscribeFirstFix)
                    .Add(FixProperties.ReadStart, earliest.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
                context.Report(Diagnostic.Create(
                    Descriptors.Race003SnapshotReadBeforeSubscribe,
                    subscribe.Call.Syntax.GetLocation(),
                    additional,
                    properties,
                    subscribe.Description.ToString(),
                    Text.Short(readSyntax),
                    Text.Line(readSyntax)));
            }
        }

        /// <summary>
        /// Of the related reads that can run before the subscription in one pass: the one closest above it (named
        /// in the message) and the first one (the fix moves the subscription above all of them).
        /// </summary>
        internal static (RoleSite? Nearest, RoleSite? Earliest) ReadsBefore(MethodFlow flow, RoleSite subscribe, FlowStep subscribeStep, List<RoleSite> sites)
        {
            RoleSite? nearest = null;
            RoleSite? earliest = null;
            foreach (var read in sites)
            {
                if (read.Role != Role.SnapshotRead || !read.IsRelatedTo(subscribe) || !flow.TryGetStepOf(read.Call.Syntax, out var readStep)
                    || readStep.Equals(subscribeStep) || !ReferenceEquals(readStep.Graph, subscribeStep.Graph))
                {
                    continue;
                }

                if (!flow.ReachesInOnePass(readStep, subscribeStep))
                {
                    continue;
                }

                if (nearest == null || IsCloser(read, nearest, subscribe))
                {
                    nearest = read;
                }

                if (earliest == null || read.Call.Syntax.SpanStart < earliest.Call.Syntax.SpanStart)
                {
                    earliest = read;
                }
            }

            return (nearest, earliest);
        }

        private static bool IsCloser(RoleSite candidate, RoleSite current, RoleSite subscribe)
        {
            var target = subscribe.Call.Syntax.SpanStart;
            var a = candidate.Call.Syntax.SpanStart;
            var b = current.Call.Syntax.SpanStart;
            return a < target && (b >= target || a > b);
        }

        private static bool HasBoth(List<RoleSite> sites)
        {
            bool read = false, subscribe = false;
            foreach (var site in sites)
            {
                read |= site.Role == Role.SnapshotRead;
                subscribe |= site.Role == Role.Subscribe;
            }

            return read && subscribe;
        }
    }
}
