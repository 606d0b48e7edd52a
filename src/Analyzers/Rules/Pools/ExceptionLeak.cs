using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.FlowAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>RACE002's questions: can an exception skip a release, and is an acquisition inside the try that releases it?</summary>
    internal static class ExceptionLeak
    {
        /// <summary>
        /// For a release on the normal path: the first operation between a matching acquire and the release that
        /// may throw without a catch or finally that releases too. Null when every exception path releases.
        /// </summary>
        public static IOperation? UnprotectedThrowBefore(MethodFlow flow, PoolCallSite release, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog)
        {
            if (!IsOnNormalPath(release.Step))
            {
                return null;
            }

            var releasingHandlers = new List<ControlFlowRegion>();
            foreach (var site in sites)
            {
                if (!site.IsAcquire && SameResource(site, release))
                {
                    releasingHandlers.AddRange(MethodFlow.EnclosingHandlers(site.Step));
                }
            }

            foreach (var acquire in sites)
            {
                if (!acquire.IsAcquire || !acquire.Pairs(release))
                {
                    continue;
                }

                var throwing = new List<(FlowStep Step, IOperation Thrower)>();
                flow.WalkAfter(acquire.Step, followExceptions: false, step =>
                {
                    if (ReleasesIn(step, release, sites))
                    {
                        return WalkDecision.StopPath;
                    }

                    var thrower = OperationFacts.FirstThrowing(step.Operation, call => catalog.IsTelemetry(call.TargetMethod));
                    if (thrower != null && !IsCovered(step, releasingHandlers))
                    {
                        throwing.Add((step, thrower));
                    }

                    return WalkDecision.Continue;
                });

                foreach (var (step, thrower) in throwing)
                {
                    if (Reaches(flow, step, release, sites))
                    {
                        return thrower;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The mirror bug: a lock entered inside the try whose finally always exits it. If the entry throws or is
        /// cancelled, the finally releases what was never taken.
        /// </summary>
        public static bool IsAcquiredInsideReleasingTry(PoolCallSite acquire, IReadOnlyList<PoolCallSite> sites)
        {
            if (!acquire.IsAcquire || acquire.Api.Binding == ResourceBinding.Result || acquire.Api.UsesTakenFlag || !acquire.ResultDiscarded
                || CannotFail(acquire.Invocation))
            {
                return false;
            }

            foreach (var finallyRegion in MethodFlow.FinallyRegionsProtecting(acquire.Step))
            {
                foreach (var release in sites)
                {
                    if (acquire.Pairs(release) && MethodFlow.Contains(finallyRegion, release.Step) && MethodFlow.AlwaysRuns(finallyRegion, release.Step))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>semaphore.Wait()</c> / <c>WaitAsync()</c> with no token and no timeout can be neither cancelled nor
        /// timed out: it returns once the slot is taken (only a disposed semaphore throws, and then so does its release).
        /// </summary>
        private static bool CannotFail(IInvocationOperation acquisition)
            => (acquisition.TargetMethod.Name == "Wait" || acquisition.TargetMethod.Name == "WaitAsync")
               && acquisition.TargetMethod.ContainingType?.Name == "SemaphoreSlim"
               && acquisition.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue);

        private static bool IsOnNormalPath(FlowStep step)
        {
            foreach (var _ in MethodFlow.EnclosingHandlers(step))
            {
                return false;
            }

            return true;
        }

        private static bool IsCovered(FlowStep step, List<ControlFlowRegion> releasingHandlers)
        {
            foreach (var handler in releasingHandlers)
            {
                var protectedRegion = MethodFlow.ProtectedRegionOf(handler);
                if (protectedRegion != null && MethodFlow.Contains(protectedRegion, step))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Reaches(MethodFlow flow, FlowStep from, PoolCallSite release, IReadOnlyList<PoolCallSite> sites)
        {
            var reached = false;
            flow.WalkAfter(from, followExceptions: false, step =>
            {
                if (step.Equals(release.Step))
                {
                    reached = true;
                    return WalkDecision.StopWalk;
                }

                return ReleasesIn(step, release, sites) ? WalkDecision.StopPath : WalkDecision.Continue;
            });
            return reached || from.Equals(release.Step);
        }

        private static bool ReleasesIn(FlowStep step, PoolCallSite release, IReadOnlyList<PoolCallSite> sites)
        {
            foreach (var site in sites)
            {
                if (!site.IsAcquire && site.Step.Equals(step) && SameResource(site, release))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameResource(PoolCallSite a, PoolCallSite b)
            => a.Api.Kind == b.Api.Kind && a.Api.PairKey == b.Api.PairKey && SymbolEqualityComparer.Default.Equals(a.Resource, b.Resource);
    }
}
