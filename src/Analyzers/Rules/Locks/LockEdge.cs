using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// One "taken while holding" fact of the lock-order graph: <see cref="Holder"/> holds <see cref="Outer"/> and
    /// takes <see cref="Inner"/>, itself or through the calls in <see cref="Through"/>.
    /// </summary>
    internal sealed class LockEdge
    {
        public LockEdge(IMethodSymbol holder, HeldLock outer, HeldLock inner, bool blocks, Location site, ImmutableArray<IMethodSymbol> through, LockHop hop, bool isSwap)
        {
            Holder = holder;
            Outer = outer;
            Inner = inner;
            Blocks = blocks;
            Site = site;
            Through = through;
            Hop = hop;
            IsSwap = isSwap;
        }

        /// <summary>Whose inner lock it is, relative to the object whose outer lock is held.</summary>
        public LockHop Hop { get; }

        /// <summary>The same lock reached through two parameters, unordered: a cycle on its own (calls with the arguments swapped).</summary>
        public bool IsSwap { get; }

        /// <summary>
        /// The inner lock is a field or property of another object of the type whose field or property the outer
        /// lock is (<c>CancelLock</c> held, <c>other.SyncObj</c> taken, both <c>NpgsqlConnector</c>'s).
        /// </summary>
        public bool ReachesAnotherOfItsType
            => Hop == LockHop.Other && Outer.Id.Member?.ContainingType is { } outerType
               && SymbolEqualityComparer.Default.Equals(outerType, Inner.Id.Member?.ContainingType);

        public IMethodSymbol Holder { get; }

        public HeldLock Outer { get; }

        public HeldLock Inner { get; }

        /// <summary>The inner take can wait forever (no try, no timeout).</summary>
        public bool Blocks { get; }

        /// <summary>Where the holder takes the inner lock: the acquisition itself, or the call that leads to it.</summary>
        public Location Site { get; }

        /// <summary>The calls from the holder to the method that takes the inner lock; empty when the holder takes it.</summary>
        public ImmutableArray<IMethodSymbol> Through { get; }

        /// <summary>Every edge of one method body: its nested takes, and the takes its calls reach while it holds a lock.</summary>
        public static ImmutableArray<LockEdge> Of(IMethodSymbol holder, LockFacts facts, LockSummaries summaries, int maxDepth, CancellationToken cancellationToken)
        {
            var edges = ImmutableArray.CreateBuilder<LockEdge>();
            foreach (var acquisition in facts.Acquisitions)
            {
                foreach (var outer in acquisition.Held)
                {
                    // The same lock again is re-entry (RACE013's question), unless two different parameters name it.
                    var isSwap = acquisition.UnorderedPartner != null && outer.Id.Through != null
                                 && SymbolEqualityComparer.Default.Equals(outer.Id.Through, acquisition.UnorderedPartner);
                    if (!outer.Id.Equals(acquisition.Id) || isSwap)
                    {
                        var hop = outer.Id.OnThis && acquisition.Id.OnThis ? LockHop.Same : LockHop.Other;
                        edges.Add(new LockEdge(holder, outer, acquisition.Taken, acquisition.Blocks, acquisition.Site, ImmutableArray<IMethodSymbol>.Empty, hop, isSwap));
                    }
                }
            }

            foreach (var call in facts.Calls)
            {
                if (call.Held.IsEmpty || (call.IsCallback && call.DelegateTargets.IsEmpty))
                {
                    continue;
                }

                foreach (var reached in summaries.Reached(call, maxDepth, cancellationToken))
                {
                    var inner = reached.Acquisition;
                    if (inner.Id.IsParameterOnly)
                    {
                        continue;
                    }

                    foreach (var outer in call.Held)
                    {
                        if (!outer.Id.Equals(inner.Id))
                        {
                            var hop = outer.Id.OnThis ? call.Hop.Then(reached.Hop) : LockHop.Other;
                            edges.Add(new LockEdge(holder, outer, inner.Taken, inner.Blocks, call.Site, reached.Path, hop, isSwap: false));
                        }
                    }
                }
            }

            return edges.ToImmutable();
        }

        /// <summary>Whether one thread holding the lock in <paramref name="held"/> mode stops another taking it in <paramref name="wanted"/> mode.</summary>
        public static bool Excludes(LockMode held, LockMode wanted)
            => !(held != LockMode.Exclusive && wanted != LockMode.Exclusive && (held == LockMode.Read || wanted == LockMode.Read));
    }
}
