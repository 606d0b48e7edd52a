using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>An acquire or release call found in a method, with the symbol that names its resource.</summary>
    internal sealed class PoolCallSite
    {
        private PoolCallSite(IInvocationOperation invocation, FlowStep step, PoolApi api, ISymbol resource, bool throughHelper = false, bool unfailing = false)
        {
            Invocation = invocation;
            Step = step;
            Api = api;
            Resource = resource;
            ThroughHelper = throughHelper;
            Unfailing = unfailing;
        }

        /// <summary>A call of the project's own method whose body takes the lock and returns holding it, or gives it back.</summary>
        public bool ThroughHelper { get; }

        /// <summary>For a take through a helper: its wait cannot end without the lock (no token, no timeout).</summary>
        public bool Unfailing { get; }

        public IInvocationOperation Invocation { get; }
        public FlowStep Step { get; }
        public PoolApi Api { get; }

        /// <summary>The local, parameter or field holding the resource (the rented array, the semaphore, the lock object).</summary>
        public ISymbol Resource { get; }

        public bool IsAcquire => Api.Role == Role.Acquire;

        /// <summary>True when this call and <paramref name="other"/> are the two halves of one resource's lifetime.</summary>
        public bool Pairs(PoolCallSite other)
            => Api.Pairs(other.Api) && SymbolEqualityComparer.Default.Equals(Resource, other.Resource) && ReferenceEquals(Step.Graph, other.Step.Graph);

        /// <summary>True when the call is a whole statement, its result (if any) thrown away.</summary>
        public bool ResultDiscarded
        {
            get
            {
                var current = AwaitableWrappers.Outermost(Invocation);
                if (ReferenceEquals(current, Step.Operation) && Step.Index >= Step.Block.Operations.Length && Step.Block.ConditionalSuccessor != null)
                {
                    // A control-flow graph keeps `if (await gate.WaitAsync(t))` as the block's branch value: tested, not discarded.
                    return false;
                }

                return ReferenceEquals(current, Step.Operation) || current.Parent is IExpressionStatementOperation;
            }
        }

        /// <summary>
        /// Every acquire and release in <paramref name="flow"/> whose resource can be named; with
        /// <paramref name="handOffsAt"/>, also the calls of helpers that take a lock and return holding it or give one
        /// back on every path (what the lock summaries say the call leaves to this method).
        /// </summary>
        public static List<PoolCallSite> FindAll(
            MethodFlow flow, ApiCatalog catalog, ConfiguredMethods configured, Func<IInvocationOperation, ImmutableArray<LockHandOff>>? handOffsAt = null)
        {
            var sites = new List<PoolCallSite>();
            foreach (var step in flow.Steps)
            {
                foreach (var operation in step.Operation.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && !invocation.IsImplicit)
                    {
                        var api = catalog.PoolApiOf(invocation.TargetMethod, invocation.Instance?.Type, configured);
                        var resource = api == null ? null : ResourceOf(invocation, api);
                        if (resource != null)
                        {
                            sites.Add(new PoolCallSite(invocation, step, api!, resource));
                        }
                        else if (api == null && handOffsAt != null)
                        {
                            AddHandOffs(sites, invocation, step, handOffsAt(invocation));
                        }
                    }
                }
            }

            return sites;
        }

        private static void AddHandOffs(List<PoolCallSite> sites, IInvocationOperation invocation, FlowStep step, ImmutableArray<LockHandOff> handOffs)
        {
            foreach (var handOff in handOffs)
            {
                // A releaser's scope gives its lock back itself; a give-back made only under a test (if (taken)) is no release of this take.
                var held = handOff.Held;
                var counts = handOff.Takes ? !held.ScopeBound : held.Certain;
                var api = counts ? ApiCatalog.PoolApiOfLock(held.Primitive, held.Mode, handOff.Takes) : null;
                var resource = held.Id.OnThis ? held.Id.Member : held.Id.IsParameterOnly ? held.Id.Through : null;
                if (api != null && resource != null)
                {
                    sites.Add(new PoolCallSite(invocation, step, api, resource, throughHelper: true, unfailing: held.Unfailing));
                }
            }
        }

        internal static ISymbol? ResourceOf(IInvocationOperation invocation, PoolApi api)
        {
            switch (api.Binding)
            {
                case ResourceBinding.Result:
                    return api.Role == Role.Acquire
                        ? OperationFacts.AssignedSymbol(invocation)
                        : (invocation.Arguments.Length > 0 ? OperationFacts.ReferencedSymbol(ArgumentFor(invocation, 0)) : null);
                case ResourceBinding.Receiver:
                    return OperationFacts.ReferencedSymbol(invocation.Instance);
                default:
                    return invocation.Arguments.Length > 0 ? OperationFacts.ReferencedSymbol(ArgumentFor(invocation, 0)) : null;
            }
        }

        private static IOperation ArgumentFor(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return invocation.Arguments[0].Value;
        }
    }
}
