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
        /// may throw without a catch or finally that releases too. Null when every exception path releases. Both
        /// walks stay in one pass of a loop: a take and a release of one pass are not a take of the next.
        /// </summary>
        public static IOperation? UnprotectedThrowBefore(MethodFlow flow, PoolCallSite release, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog)
        {
            if (!IsOnNormalPath(release.Step))
            {
                return null;
            }

            var releasingHandlers = ReleasingHandlers(release, sites);

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

                    var thrower = OperationFacts.FirstThrowing(step.Operation, call => CannotSkipTheRelease(call, catalog));
                    if (thrower != null && !IsCovered(step, releasingHandlers))
                    {
                        throwing.Add((step, thrower));
                    }

                    return WalkDecision.Continue;
                }, forwardOnly: true);

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
        /// For a release a finally always makes: the first operation between a certain take (outside that finally's
        /// try) and the try's start that may throw without another releasing handler around it. The finally runs only
        /// for what happens inside its try, so such a throw leaves holding.
        /// </summary>
        public static IOperation? ThrowBeforeTheTry(MethodFlow flow, PoolCallSite release, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog)
        {
            var finallyRegion = MethodFlow.EnclosingHandlers(release.Step).FirstOrDefault(handler => handler.Kind == ControlFlowRegionKind.Finally);
            var tryRegion = finallyRegion == null ? null : MethodFlow.ProtectedRegionOf(finallyRegion);
            if (tryRegion == null || !MethodFlow.AlwaysRuns(finallyRegion!, release.Step))
            {
                return null;
            }

            var releasingHandlers = ReleasingHandlers(release, sites);

            foreach (var acquire in sites)
            {
                // A take that also leaves holding on an early exit is reported once, as that (one fix covers both).
                if (!acquire.IsAcquire || !acquire.Pairs(release) || !acquire.ResultDiscarded || !TakesForCertain(acquire.Invocation)
                    || MethodFlow.Contains(tryRegion, acquire.Step) || MethodFlow.EnclosingHandlers(acquire.Step).Any()
                    || MethodFlow.FinallyRegionsProtecting(acquire.Step).Any() || LeavesHolding(flow, acquire, sites) != null)
                {
                    continue;
                }

                var throwing = new List<(FlowStep Step, IOperation Thrower)>();
                flow.WalkAfter(acquire.Step, followExceptions: false, step =>
                {
                    if (MethodFlow.Contains(tryRegion, step) || ReleasesIn(step, release, sites))
                    {
                        return WalkDecision.StopPath;
                    }

                    // The compiler's own operations (a lock statement's exit) are not work written between the two.
                    var thrower = step.Operation.IsImplicit || IsCovered(step, releasingHandlers) ? null
                        : OperationFacts.FirstThrowing(step.Operation, call => CannotSkipTheRelease(call, catalog) || PreparationCalls.Contains(call.TargetMethod));
                    if (thrower != null && !thrower.IsImplicit && (thrower is IAwaitOperation || thrower is IInvocationOperation || thrower is IThrowOperation))
                    {
                        throwing.Add((step, thrower));
                    }

                    return WalkDecision.Continue;
                }, forwardOnly: true);

                foreach (var (step, thrower) in throwing)
                {
                    if (EntersTheTry(flow, step, tryRegion, release, sites))
                    {
                        return thrower;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// For a certain take the method gives back only by handing it to a releaser object (<c>return new AccessLock(semaphore, …)</c>,
        /// whose disposal releases it): the first operation between the take and a hand-off that may throw without a
        /// releasing catch or finally around it. The caller holds the releaser only once it is made; before that an
        /// exception leaves the lock taken. Null when the method releases it on a normal path itself.
        /// </summary>
        public static IOperation? ThrowBeforeHandOff(
            MethodFlow flow, PoolCallSite acquire, IReadOnlyList<FlowStep> handOffs, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog)
        {
            if (handOffs.Count == 0 || !acquire.IsAcquire || acquire.Api.Binding == ResourceBinding.Result || acquire.Api.UsesTakenFlag
                || !acquire.ResultDiscarded || !TakesForCertain(acquire.Invocation))
            {
                return null;
            }

            // A release outside a catch is the method's own: not this form.
            if (sites.Any(site => !site.IsAcquire && acquire.Pairs(site) && !MethodFlow.EnclosingHandlers(site.Step).Any(handler => handler.Kind == ControlFlowRegionKind.Catch)))
            {
                return null;
            }

            var releasingHandlers = ReleasingHandlers(acquire, sites);

            var throwing = new List<(FlowStep Step, IOperation Thrower)>();
            flow.WalkAfter(acquire.Step, followExceptions: false, step =>
            {
                if (handOffs.Contains(step) || ReleasesIn(step, acquire, sites))
                {
                    return WalkDecision.StopPath;
                }

                // A declaration's initializer is an implicit assignment in the graph; the compiler's own calls are implicit throwers.
                var thrower = IsCovered(step, releasingHandlers) ? null : OperationFacts.FirstThrowing(step.Operation, call => CannotSkipTheRelease(call, catalog));
                if (thrower != null && !thrower.IsImplicit && (thrower is IAwaitOperation || thrower is IInvocationOperation || thrower is IThrowOperation || IsThrown(step, thrower)))
                {
                    throwing.Add((step, thrower));
                }

                return WalkDecision.Continue;
            }, forwardOnly: true);

            // A throw statement goes on nowhere: it counts when the take goes on to a hand-off on another path.
            foreach (var (step, thrower) in throwing)
            {
                if (ReachesHandOff(flow, IsThrown(step, thrower) ? acquire.Step : step, handOffs, acquire, sites))
                {
                    return thrower;
                }
            }

            return null;
        }

        /// <summary>The exception a <c>throw</c> statement makes: the graph keeps it as its block's branch value.</summary>
        private static bool IsThrown(FlowStep step, IOperation thrower)
            => step.Index >= step.Block.Operations.Length && step.Block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Throw
               && step.Operation.DescendantsAndSelf().Contains(thrower);

        private static bool ReachesHandOff(MethodFlow flow, FlowStep from, IReadOnlyList<FlowStep> handOffs, PoolCallSite acquire, IReadOnlyList<PoolCallSite> sites)
        {
            var reached = false;
            flow.WalkAfter(from, followExceptions: false, step =>
            {
                if (handOffs.Contains(step))
                {
                    reached = true;
                    return WalkDecision.StopWalk;
                }

                return ReleasesIn(step, acquire, sites) ? WalkDecision.StopPath : WalkDecision.Continue;
            }, forwardOnly: true);
            return reached;
        }

        /// <summary>Whether a path from <paramref name="from"/> goes on into the try (a path that leaves first is an early exit's).</summary>
        private static bool EntersTheTry(MethodFlow flow, FlowStep from, ControlFlowRegion tryRegion, PoolCallSite release, IReadOnlyList<PoolCallSite> sites)
        {
            var entered = false;
            flow.WalkAfter(from, followExceptions: false, step =>
            {
                if (MethodFlow.Contains(tryRegion, step))
                {
                    entered = true;
                    return WalkDecision.StopWalk;
                }

                return ReleasesIn(step, release, sites) ? WalkDecision.StopPath : WalkDecision.Continue;
            }, forwardOnly: true);
            return entered;
        }

        /// <summary>
        /// Calls not counted as throwing between a take and its release: telemetry, a cancellation signal (it throws
        /// only when a registered callback does), and a helper written to fail quietly (its body one try whose catches
        /// take what the call it wraps is known to throw, <c>SafelyRelease</c>).
        /// </summary>
        private static bool CannotSkipTheRelease(IInvocationOperation call, ApiCatalog catalog)
            => catalog.IsTelemetry(call.TargetMethod) || catalog.IsCancellationSignal(call.TargetMethod)
               || SelfCatchingCalls.Of(call.TargetMethod) != EscapingExceptions.Any;

        /// <summary>
        /// The mirror bug: a lock entered inside the try whose finally always exits it. If the entry throws or is
        /// cancelled, the finally releases what was never taken. A take whose result is tested
        /// (<c>var acquired = await gate.WaitAsync(0, ct); if (!acquired) return;</c>) fails without throwing too,
        /// and its way out of the try runs the same finally. The take or the release may be a helper's (a private
        /// method that waits on the semaphore and returns holding it; one that releases it on every path).
        /// </summary>
        public static bool IsAcquiredInsideReleasingTry(MethodFlow flow, PoolCallSite acquire, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog)
        {
            if (!acquire.IsAcquire || acquire.Api.Binding == ResourceBinding.Result || acquire.Api.UsesTakenFlag
                || (acquire.ResultDiscarded && catalog.IsUnfailingSemaphoreWait(acquire.Invocation)) || (acquire.ThroughHelper && acquire.Unfailing))
            {
                return false;
            }

            foreach (var finallyRegion in MethodFlow.FinallyRegionsProtecting(acquire.Step))
            {
                // The same lock taken before the try is what its finally gives back (the inner take is a re-entry, RACE013's).
                if (HeldWhenTheTryStarts(flow, acquire, finallyRegion, sites))
                {
                    continue;
                }

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
        /// An acquisition that returns holding the resource on some path while this method releases it on others
        /// (<c>await _gate.WaitAsync(ct); if (_cache.TryGetValue(k, out var c)) return c; try { … } finally { _gate.Release(); }</c>):
        /// where such a path turns away, or null. Only certain takes count (the call's result is not a flag to test),
        /// and only when the method gives the resource back on a path that returns normally: a release only in a
        /// catch or before a throw means it is held on success on purpose (a method returning a releaser). A finally
        /// that releases ends a path, whatever condition it puts on the release.
        /// </summary>
        public static FlowStep? LeavesHolding(MethodFlow flow, PoolCallSite acquire, IReadOnlyList<PoolCallSite> sites)
        {
            if (!acquire.IsAcquire || acquire.Api.Binding == ResourceBinding.Result || acquire.Api.UsesTakenFlag || !acquire.ResultDiscarded
                || !TakesForCertain(acquire.Invocation))
            {
                return null;
            }

            var releasingFinallies = new List<ControlFlowRegion>();
            var releasedBeforeReturning = false;
            foreach (var release in sites)
            {
                if (release.IsAcquire || !acquire.Pairs(release))
                {
                    continue;
                }

                foreach (var handler in MethodFlow.EnclosingHandlers(release.Step))
                {
                    if (handler.Kind == ControlFlowRegionKind.Finally)
                    {
                        releasingFinallies.Add(handler);
                    }
                }

                // A release only before a throw or in a catch that rethrows means: held on success, on purpose.
                releasedBeforeReturning |= !MethodFlow.EnclosingHandlers(release.Step).Any(h => h.Kind == ControlFlowRegionKind.Catch)
                                           && flow.LeavesWithout(release.Step, _ => false) != null;
            }

            if (!releasedBeforeReturning)
            {
                return null;
            }

            return flow.LeavesWithout(acquire.Step, step => ReleasedAt(step, acquire, sites) || releasingFinallies.Exists(region => MethodFlow.Contains(region, step)));
        }

        /// <summary>A take that returns nothing to test (<c>Wait(ct)</c>, <c>await WaitAsync(ct)</c>), unlike <c>Wait(100)</c>'s flag.</summary>
        private static bool TakesForCertain(IInvocationOperation acquisition)
            => acquisition.TargetMethod.ReturnsVoid || WellKnownTypes.IsTaskType(acquisition.TargetMethod.ReturnType, withResult: false);

        private static bool ReleasedAt(FlowStep step, PoolCallSite acquire, IReadOnlyList<PoolCallSite> sites)
        {
            foreach (var site in sites)
            {
                if (!site.IsAcquire && site.Step.Equals(step) && acquire.Pairs(site))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Another take of the same lock, outside the try, still held (no release on the way) when the try is entered.</summary>
        private static bool HeldWhenTheTryStarts(MethodFlow flow, PoolCallSite acquire, ControlFlowRegion finallyRegion, IReadOnlyList<PoolCallSite> sites)
        {
            var tryRegion = MethodFlow.ProtectedRegionOf(finallyRegion);
            if (tryRegion == null)
            {
                return false;
            }

            foreach (var other in sites)
            {
                if (other == acquire || !other.IsAcquire || !SameResource(other, acquire) || !ReferenceEquals(other.Step.Graph, acquire.Step.Graph)
                    || MethodFlow.Contains(tryRegion, other.Step))
                {
                    continue;
                }

                var held = false;
                flow.WalkAfter(other.Step, followExceptions: false, step =>
                {
                    if (MethodFlow.Contains(tryRegion, step))
                    {
                        held = true;
                        return WalkDecision.StopWalk;
                    }

                    return ReleasesIn(step, acquire, sites) ? WalkDecision.StopPath : WalkDecision.Continue;
                }, forwardOnly: true);
                if (held)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The catches and finallies that release <paramref name="resource"/>'s resource: what they protect cannot skip the release.</summary>
        private static List<ControlFlowRegion> ReleasingHandlers(PoolCallSite resource, IReadOnlyList<PoolCallSite> sites)
        {
            var handlers = new List<ControlFlowRegion>();
            foreach (var site in sites)
            {
                if (!site.IsAcquire && SameResource(site, resource))
                {
                    handlers.AddRange(MethodFlow.EnclosingHandlers(site.Step));
                }
            }

            return handlers;
        }

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
            }, forwardOnly: true);
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
