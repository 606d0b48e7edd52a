using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// Lock takes as a kind of summary fact: the locks a call takes, itself or through the methods it calls, each
    /// with the chain of methods that leads there and whose object it is relative to the caller's. One per
    /// compilation, with its own engine; race-audit builds one per project, joined as peers.
    /// </summary>
    internal sealed class LockSummaries : SummaryKind<ReachedAcquisition>
    {
        private readonly ApiCatalog _catalog;
        private readonly RaceOptions _options;

        public LockSummaries(Compilation compilation, ApiCatalog catalog, RaceOptions options, SummaryPeers<ReachedAcquisition>? peers = null)
        {
            _catalog = catalog;
            _options = options;
            MayYield = options.OrConfigured(compilation, ApiCatalog.MayBeLockCall);
            Engine = new SummaryEngine<ReachedAcquisition>(compilation, this, peers);
            _handOffs = new SummaryEngine<LockHandOff>(compilation, new HandOffKind(this));
        }

        private readonly SummaryEngine<LockHandOff> _handOffs;

        /// <summary>True when <paramref name="block"/> calls, within one call, a method that can take a lock: a body a lock helper's take reaches.</summary>
        public bool MayHoldThroughCalls(SyntaxNode block) => _handOffs.MayReach(block, 1);

        public SummaryEngine<ReachedAcquisition> Engine { get; }

        public override Func<string, bool> MayYield { get; }

        public override Func<SyntaxNode, bool>? BlockYields => LockWalk.HasLockStatement;

        /// <summary>The locks <paramref name="call"/> takes, with at most <paramref name="maxDepth"/> further calls.</summary>
        public ImmutableArray<ReachedAcquisition> Of(CallTarget call, int maxDepth, CancellationToken cancellationToken)
            => Engine.Of(call, maxDepth, cancellationToken);

        public SemanticModel ModelOf(SyntaxTree tree) => Engine.ModelOf(tree);

        public override ImmutableArray<ReachedAcquisition> Read(IMethodSymbol method, IOperation body, int maxDepth, SummaryQuery<ReachedAcquisition> callees)
        {
            var facts = FactsOf(body, method.ContainingType, callees.CancellationToken);
            var reached = ImmutableArray.CreateBuilder<ReachedAcquisition>();
            var self = ImmutableArray.Create(method);
            foreach (var acquisition in facts.Acquisitions)
            {
                reached.Add(new ReachedAcquisition(acquisition, self, acquisition.Id.OnThis ? LockHop.Same : LockHop.Other));
            }

            foreach (var call in facts.Calls)
            {
                foreach (var deeper in TakenBy(call, callees.Of(call.Target, maxDepth - 1)))
                {
                    reached.Add(new ReachedAcquisition(deeper.Acquisition, deeper.Path.Insert(0, method), call.Hop.Then(deeper.Hop), deeper.Id));
                }
            }

            return reached.ToImmutable();
        }

        /// <summary>
        /// The locks <paramref name="call"/> takes, named in the caller's frame: the callee's acquisitions (its
        /// <c>this</c> and parameters read as the call's object and arguments), and what it hands over that no
        /// acquisition below names (a releaser whose constructor waits on the semaphore it is given).
        /// </summary>
        public IEnumerable<ReachedAcquisition> TakenBy(LockedCall call, int maxDepth, CancellationToken cancellationToken)
            => TakenBy(call, Of(call.Target, maxDepth, cancellationToken));

        private static IEnumerable<ReachedAcquisition> TakenBy(LockedCall call, ImmutableArray<ReachedAcquisition> below)
        {
            foreach (var deeper in below)
            {
                yield return new ReachedAcquisition(deeper.Acquisition, deeper.Path, deeper.Hop, deeper.Id.InCallerOf(call.Frame) ?? deeper.Id.SeenThroughOtherObject());
            }

            foreach (var handed in call.HandedOver)
            {
                if (!below.Any(deeper => deeper.Acquisition.Id.Equals(handed.Id)))
                {
                    yield return new ReachedAcquisition(
                        new LockAcquisition(handed, handed.Certain, call.Held, null), ImmutableArray.Create(call.Callee), handed.Id.OnThis ? LockHop.Same : LockHop.Other);
                }
            }
        }

        /// <summary>What one body does with locks: its own statements, and the locks its helpers leave held or give back.</summary>
        public LockFacts FactsOf(IOperation body, INamedTypeSymbol? owner, CancellationToken cancellationToken)
        {
            var tree = body.Syntax.SyntaxTree;
            var depth = _options.MaxCallDepthFor(tree) - 1;
            var query = _handOffs.NewQuery(cancellationToken);
            return LockWalk.Read(body, _catalog, _options.MethodsFor(tree), owner, cancellationToken, call => query.Of(call, depth));
        }

        /// <summary>Hand-offs as a kind of summary fact: what a call leaves held or gives back, for the walk of its caller.</summary>
        private sealed class HandOffKind : SummaryKind<LockHandOff>
        {
            private readonly LockSummaries _locks;

            public HandOffKind(LockSummaries locks) => _locks = locks;

            public override Func<string, bool> MayYield => _locks.MayYield;

            public override ImmutableArray<LockHandOff> Read(IMethodSymbol method, IOperation body, int maxDepth, SummaryQuery<LockHandOff> callees)
                => LockWalk.Read(body, _locks._catalog, _locks._options.MethodsFor(body.Syntax.SyntaxTree), method.ContainingType, callees.CancellationToken,
                    call => callees.Of(call, maxDepth - 1)).HandOffs;
        }

        /// <summary>What one source method body does with locks (its own body only); none for methods without source.</summary>
        public LockFacts FactsOf(SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var model = ModelOf(declaration.SyntaxTree);
            var body = model.GetOperation(declaration, cancellationToken);
            var owner = (model.GetDeclaredSymbol(declaration, cancellationToken) ?? model.GetEnclosingSymbol(declaration.SpanStart, cancellationToken))?.ContainingType;
            return body == null ? LockFacts.None : FactsOf(body, owner, cancellationToken);
        }
    }
}
