using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// RACE001 (returned before dependent use) and RACE002 (not released on every path). One analyzer so
    /// that a call flagged by RACE001 is not flagged again by RACE002.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PooledResourceAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Race001ReturnedBeforeDependentUse, Descriptors.Race001LentBufferOutlivesCallback,
            Descriptors.Race002NotReleasedOnException,
            Descriptors.Race002AcquiredInsideTry, Descriptors.Race002LeftWithoutRelease, Descriptors.Race002ThrowBeforeTheTry, Descriptors.Race002ThrowBeforeHandOff);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            var mayRelease = options.OrConfigured(start.Compilation, ApiCatalog.MayRelease);
            var locks = LockSummaries.For(start.Compilation, catalog, options);
            AnalyzedBody.Register(
                start,
                block => LentBuffers.MayLend(block) || InvokedNames.Of(block).Any(mayRelease) || HelperLocks.MayHave(block, locks),
                body => Analyze(body, catalog, options.MethodsFor(body.Tree), locks));
        }

        private static void Analyze(AnalyzedBody body, ApiCatalog catalog, ConfiguredMethods configured, LockSummaries locks)
        {
            if (body.Owner is IMethodSymbol method && LentBuffers.LentUntilReturn(method, catalog) is { } lent)
            {
                ReportLentBufferOutlived(body, method, lent, catalog);
            }

            var helpers = new HelperLocks(locks, body.CancellationToken);
            if (CanonicalPairs.NeedsFlow(body.Root, catalog, configured) || helpers.InTryFinally(body.Root) || helpers.HandsToReleaser(body.Root))
            {
                Analyze(body, body.Flow, catalog, configured, helpers);
            }
        }

        private static void Analyze(AnalyzedBody context, MethodFlow flow, ApiCatalog catalog, ConfiguredMethods configured, HelperLocks helpers)
        {
            // Helpers' takes and releases count for the mirror bug only; every other question is asked of direct calls.
            var all = PoolCallSite.FindAll(flow, catalog, configured, helpers.At);
            var sites = all.FindAll(site => !site.ThroughHelper);
            foreach (var site in all)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (SignalSemaphore.Holds(site.Resource, catalog, context.CancellationToken))
                {
                    continue;
                }

                if (site.IsAcquire)
                {
                    if (ExceptionLeak.IsAcquiredInsideReleasingTry(flow, site, all, catalog))
                    {
                        context.Report(Diagnostic.Create(
                            Descriptors.Race002AcquiredInsideTry,
                            site.Invocation.Syntax.GetLocation(),
                            // Moving a tested take out of the try would leave its test, and the release on failure, inside: no fix. Nor
                            // for a helper's take: what it does after taking may throw, and its release then is the finally's.
                            site.ResultDiscarded && !site.ThroughHelper ? FixFor(FixProperties.AcquireBeforeTryFix, site, -1) : null,
                            site.Resource.Name,
                            Text.Short(site.Invocation.Syntax)));
                    }
                    else if (!site.ThroughHelper && (site.Api.Kind == ResourceKind.Connection || site.Api.Kind == ResourceKind.Lock)
                             && ExceptionLeak.LeavesHolding(flow, site, sites) is { } leaving)
                    {
                        ReportLeftHolding(context, site, leaving, sites);
                    }
                    else if (!site.ThroughHelper && site.Api.Kind == ResourceKind.Lock)
                    {
                        ReportThrowBeforeHandOff(context, flow, site, helpers.HandOffsOf(flow, context.Root, site.Resource), sites, catalog);
                    }

                    continue;
                }

                if (site.ThroughHelper)
                {
                    continue;
                }

                if (site.Api.Binding == ResourceBinding.Result && ReportUseAfterRelease(context, flow, site, sites, catalog, configured))
                {
                    continue;
                }

                if (site.Api.Kind == ResourceKind.Connection || site.Api.Kind == ResourceKind.Lock)
                {
                    ReportExceptionLeak(context, flow, site, sites, catalog);
                }
            }
        }

        private static bool ReportUseAfterRelease(AnalyzedBody context, MethodFlow flow, PoolCallSite release, List<PoolCallSite> sites, ApiCatalog catalog, ConfiguredMethods configured)
        {
            var found = UseAfterRelease.Find(flow, release, sites, catalog, configured);
            if (found?.FirstUse == null)
            {
                return false;
            }

            var use = found.FirstUse.Syntax;
            var acquire = FirstPairedAcquire(release, sites);
            context.Report(Diagnostic.Create(
                Descriptors.Race001ReturnedBeforeDependentUse,
                release.Invocation.Syntax.GetLocation(),
                new[] { use.GetLocation() },
                acquire == null ? null : FixFor(FixProperties.ReleaseInFinallyFix, acquire, found.LastUseEnd),
                release.Resource.Name,
                Text.Short(release.Invocation.Syntax),
                Text.Short(use),
                Text.Line(use)));
            return true;
        }

        /// <summary>The callback's return gives the lent buffer back: no fix, the copy or the await is the author's call.</summary>
        private static void ReportLentBufferOutlived(AnalyzedBody body, IMethodSymbol callback, IParameterSymbol lent, ApiCatalog catalog)
        {
            if (!(LentBufferOutlived.Find(body.Root, lent, catalog) is var (started, use)))
            {
                return;
            }

            body.Report(Diagnostic.Create(
                Descriptors.Race001LentBufferOutlivesCallback,
                started.Syntax.GetLocation(),
                new[] { use.Syntax.GetLocation() },
                lent.Name,
                callback.Name,
                Text.Short(use.Syntax),
                Text.Line(use.Syntax)));
        }

        private static void ReportExceptionLeak(AnalyzedBody context, MethodFlow flow, PoolCallSite release, List<PoolCallSite> sites, ApiCatalog catalog)
        {
            var descriptor = Descriptors.Race002NotReleasedOnException;
            var throwing = ExceptionLeak.UnprotectedThrowBefore(flow, release, sites, catalog);
            if (throwing == null)
            {
                descriptor = Descriptors.Race002ThrowBeforeTheTry;
                throwing = ExceptionLeak.ThrowBeforeTheTry(flow, release, sites, catalog);
                if (throwing == null)
                {
                    return;
                }
            }

            var thrower = throwing.Syntax;
            var acquire = FirstPairedAcquire(release, sites);
            var fix = acquire == null ? null
                : descriptor == Descriptors.Race002ThrowBeforeTheTry ? FixFor(FixProperties.TryFromAcquireFix, acquire, -1, release)
                : FixFor(FixProperties.ReleaseInFinallyFix, acquire, -1);
            context.Report(Diagnostic.Create(
                descriptor,
                release.Invocation.Syntax.GetLocation(),
                new[] { thrower.GetLocation() },
                fix,
                release.Resource.Name,
                Text.Short(release.Invocation.Syntax),
                Text.Short(thrower),
                Text.Line(thrower)));
        }

        /// <summary>No fix: which work to guard, and whether to release in a catch or restructure the hand-off, is the author's call.</summary>
        private static void ReportThrowBeforeHandOff(AnalyzedBody context, MethodFlow flow, PoolCallSite acquire, List<FlowStep> handOffs, List<PoolCallSite> sites, ApiCatalog catalog)
        {
            if (!(ExceptionLeak.ThrowBeforeHandOff(flow, acquire, handOffs, sites, catalog) is { } thrower))
            {
                return;
            }

            var handOff = handOffs[0].Operation.DescendantsAndSelf().OfType<IObjectCreationOperation>().First().Syntax;
            var throwing = thrower.Syntax.Parent is ThrowStatementSyntax statement ? statement : thrower.Syntax;
            context.Report(Diagnostic.Create(
                Descriptors.Race002ThrowBeforeHandOff,
                acquire.Invocation.Syntax.GetLocation(),
                new[] { throwing.GetLocation() },
                acquire.Resource.Name,
                Text.Short(acquire.Invocation.Syntax),
                Text.Short(handOff),
                Text.Line(handOff),
                Text.Short(throwing),
                Text.Line(throwing)));
        }

        private static void ReportLeftHolding(AnalyzedBody context, PoolCallSite acquire, FlowStep leaving, List<PoolCallSite> sites)
        {
            var exit = StatementOf(leaving.Operation.Syntax);
            var releaseInFinally = FirstPairedReleaseInFinally(acquire, sites);
            context.Report(Diagnostic.Create(
                Descriptors.Race002LeftWithoutRelease,
                acquire.Invocation.Syntax.GetLocation(),
                new[] { exit.GetLocation() },
                releaseInFinally == null ? null : FixFor(FixProperties.TryFromAcquireFix, acquire, -1, releaseInFinally),
                acquire.Resource.Name,
                Text.Short(acquire.Invocation.Syntax),
                Text.Short(exit),
                Text.Line(exit)));
        }

        /// <summary>The statement a step belongs to: an early return's <c>if</c>, the <c>return</c> itself.</summary>
        private static SyntaxNode StatementOf(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is StatementSyntax statement)
                {
                    return statement;
                }
            }

            return node;
        }

        private static PoolCallSite? FirstPairedAcquire(PoolCallSite release, List<PoolCallSite> sites)
        {
            foreach (var site in sites)
            {
                if (site.IsAcquire && site.Pairs(release))
                {
                    return site;
                }
            }

            return null;
        }

        /// <summary>The release a later try's finally makes (the try the fix starts right after the acquisition).</summary>
        private static PoolCallSite? FirstPairedReleaseInFinally(PoolCallSite acquire, List<PoolCallSite> sites)
        {
            foreach (var site in sites)
            {
                if (!site.IsAcquire && acquire.Pairs(site) && MethodFlow.IsInFinally(site.Step))
                {
                    return site;
                }
            }

            return null;
        }

        private static ImmutableDictionary<string, string?> FixFor(string kind, PoolCallSite acquire, int lastUseEnd, PoolCallSite? release = null)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[FixProperties.FixKind] = kind;
            builder[FixProperties.AcquireStart] = acquire.Invocation.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (lastUseEnd >= 0)
            {
                builder[FixProperties.LastUseEnd] = lastUseEnd.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (release != null)
            {
                builder[FixProperties.ReleaseStart] = release.Invocation.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return builder.ToImmutable();
        }
    }
}
