using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>An acquire or release call found in a method, with the symbol that names its resource.</summary>
    internal sealed class PoolCallSite
    {
        private PoolCallSite(IInvocationOperation invocation, FlowStep step, PoolApi api, ISymbol resource)
        {
            Invocation = invocation;
            Step = step;
            Api = api;
            Resource = resource;
        }

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

        /// <summary>Every acquire and release in <paramref name="flow"/> whose resource can be named.</summary>
        public static List<PoolCallSite> FindAll(MethodFlow flow, ApiCatalog catalog, ConfiguredMethods configured)
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
                    }
                }
            }

            return sites;
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
