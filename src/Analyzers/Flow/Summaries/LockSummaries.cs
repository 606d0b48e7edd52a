using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Delegates;
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
        private static readonly ConditionalWeakTable<Compilation, LockSummaries> PerCompilation = new ConditionalWeakTable<Compilation, LockSummaries>();

        private readonly ApiCatalog _catalog;
        private readonly RaceOptions _options;

        /// <summary>The summaries of <paramref name="compilation"/>, shared by the analyzers that read it with the same options.</summary>
        public static LockSummaries For(Compilation compilation, ApiCatalog catalog, RaceOptions options)
        {
            var shared = PerCompilation.GetValue(compilation, _ => new LockSummaries(compilation, catalog, options));
            return ReferenceEquals(shared._options, options) && ReferenceEquals(shared._catalog, catalog) ? shared : new LockSummaries(compilation, catalog, options);
        }

        public LockSummaries(Compilation compilation, ApiCatalog catalog, RaceOptions options, SummaryPeers<ReachedAcquisition>? peers = null)
        {
            _catalog = catalog;
            _options = options;
            MayYield = options.OrConfigured(compilation, ApiCatalog.MayBeLockCall);
            _delegateTargets = new DelegateTargets(compilation, tree => Engine!.ModelOf(tree));
            Engine = new SummaryEngine<ReachedAcquisition>(compilation, this, peers);
            _handOffs = new SummaryEngine<LockHandOff>(compilation, new HandOffKind(this));
        }

        private readonly DelegateTargets _delegateTargets;

        private readonly SummaryEngine<LockHandOff> _handOffs;

        private readonly ConcurrentDictionary<(IMethodSymbol Constructor, INamedTypeSymbol Type, int Depth), ImmutableArray<IParameterSymbol>> _releasedOnDispose =
            new ConcurrentDictionary<(IMethodSymbol, INamedTypeSymbol, int), ImmutableArray<IParameterSymbol>>();

        /// <summary>True when <paramref name="block"/> calls, within one call, a method that can take a lock: a body a lock helper's take reaches.</summary>
        public bool MayHoldThroughCalls(SyntaxNode block) => _handOffs.MayReach(block, 1);

        public SummaryEngine<ReachedAcquisition> Engine { get; }

        public override Func<string, bool> MayYield { get; }

// One delegate for every compilation: the name gates' per-tree memos are keyed by it.
        private static readonly Func<SyntaxNode, bool> HasLockStatement = LockWalk.HasLockStatement;

        public override Func<SyntaxNode, bool>? BlockYields => HasLockStatement;

        /// <summary>A body that may raise an event whose subscribers take a lock: the subscriptions are the whole compilation's.</summary>
        public override Func<SyntaxNode, bool>? BlockYieldsInCompilation => _delegateTargets.MayRaise;

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
                foreach (var deeper in TakenBy(call, maxDepth, callees))
                {
                    reached.Add(new ReachedAcquisition(deeper.Acquisition, deeper.Path.Insert(0, method), call.Hop.Then(deeper.Hop), deeper.Id));
                }
            }

            return reached.ToImmutable();
        }

        /// <summary>
        /// The locks a call made in a body read at <paramref name="callerDepth"/> takes: the callee's with one call
        /// fewer, and for a delegate or event invocation those of the methods and lambdas it runs, at the caller's
        /// depth (they run where it is invoked, on an object of their own).
        /// </summary>
        public ImmutableArray<ReachedAcquisition> Reached(LockedCall call, int callerDepth, CancellationToken cancellationToken)
        {
            var query = Engine.NewQuery(cancellationToken);
            var called = query.Of(call.Target, callerDepth - 1);
            return call.DelegateTargets.IsEmpty ? called : called.AddRange(RunBy(call, callerDepth, query));
        }

        /// <summary>
        /// The locks <paramref name="call"/>, made in a body read at <paramref name="callerDepth"/>, takes, named in
        /// the caller's frame: the callee's acquisitions (its <c>this</c> and parameters read as the call's object and
        /// arguments), those of the methods a delegate or event invocation runs (on objects of their own), and what
        /// it hands over that no acquisition below names (a releaser whose constructor waits on the semaphore it is given).
        /// </summary>
        public IEnumerable<ReachedAcquisition> TakenBy(LockedCall call, int callerDepth, CancellationToken cancellationToken)
            => TakenBy(call, callerDepth, Engine.NewQuery(cancellationToken));

        private static IEnumerable<ReachedAcquisition> TakenBy(LockedCall call, int callerDepth, SummaryQuery<ReachedAcquisition> query)
        {
            var below = query.Of(call.Target, callerDepth - 1);
            foreach (var deeper in below)
            {
                yield return new ReachedAcquisition(deeper.Acquisition, deeper.Path, deeper.Hop, deeper.Id.InCallerOf(call.Frame) ?? deeper.Id.SeenThroughOtherObject());
            }

            foreach (var run in RunBy(call, callerDepth, query))
            {
                yield return run;
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

        /// <summary>The locks the methods and lambdas a delegate or event invocation runs take, at the caller's depth: none of them on the caller's objects.</summary>
        private static IEnumerable<ReachedAcquisition> RunBy(LockedCall call, int callerDepth, SummaryQuery<ReachedAcquisition> query)
        {
            foreach (var target in call.DelegateTargets)
            {
                foreach (var deeper in query.Of(new CallTarget(target, receiver: null, dispatches: false), callerDepth))
                {
                    yield return new ReachedAcquisition(deeper.Acquisition, deeper.Path, LockHop.Other, deeper.Id.InCallerOf(CallFrame.Opaque) ?? deeper.Id.SeenThroughOtherObject());
                }
            }
        }

        /// <summary>What one body does with locks: its own statements, and the locks its helpers leave held or give back.</summary>
        public LockFacts FactsOf(IOperation body, INamedTypeSymbol? owner, CancellationToken cancellationToken)
        {
            var tree = body.Syntax.SyntaxTree;
            var depth = _options.MaxCallDepthFor(tree) - 1;
            var query = _handOffs.NewQuery(cancellationToken);
            return LockWalk.Read(body, _catalog, _options.MethodsFor(tree), owner, cancellationToken, call => query.Of(call, depth),
                (source, site) => _delegateTargets.Of(source, site, cancellationToken));
        }

        /// <summary>
        /// What <paramref name="invocation"/> of a source method leaves to its caller, named in the caller's frame: a
        /// lock its callee takes and still holds when it returns (a helper that waits and returns, taking), a lock it
        /// gives back without having taken it (a helper that releases). Locks the caller cannot name are left out.
        /// </summary>
        public ImmutableArray<LockHandOff> HandOffsAt(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind == MethodKind.DelegateInvoke || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return ImmutableArray<LockHandOff>.Empty;
            }

            var depth = _options.MaxCallDepthFor(invocation.Syntax.SyntaxTree) - 1;
            var handOffs = _handOffs.Of(CallTarget.Of(invocation), depth, cancellationToken);
            if (handOffs.IsEmpty)
            {
                return handOffs;
            }

            var frame = CallFrame.Of(invocation.Instance, invocation.Arguments, method);
            var named = ImmutableArray.CreateBuilder<LockHandOff>();
            foreach (var handOff in handOffs)
            {
                var held = handOff.Held;
                var id = held.Id.InCallerOf(frame);
                if (id != null && (id.Member != null || id.OnThis || id.Through != null))
                {
                    named.Add(new LockHandOff(new HeldLock(id, held.Primitive, held.Mode, held.Site, held.ScopeBound, held.Certain, held.TakenBy, held.Unfailing), handOff.Takes));
                }
            }

            return named.ToImmutable();
        }

        /// <summary>
        /// The constructor parameters of <paramref name="creation"/> whose lock the new object gives back when it is
        /// disposed: a releaser handed the semaphore its creator waited on (<c>new AccessLock(semaphore, …)</c>, whose
        /// <c>Dispose</c> releases the field its constructor stored the semaphore in).
        /// </summary>
        public ImmutableArray<IParameterSymbol> ReleasedOnDispose(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            if (!(creation.Constructor is { } constructor) || constructor.Parameters.IsEmpty || constructor.DeclaringSyntaxReferences.IsEmpty
                || !(creation.Type is INamedTypeSymbol type) || !_catalog.DisposalOf(type).Any())
            {
                return ImmutableArray<IParameterSymbol>.Empty;
            }

            var depth = _options.MaxCallDepthFor(creation.Syntax.SyntaxTree) - 1;
            return _releasedOnDispose.GetOrAdd((constructor.OriginalDefinition, type.OriginalDefinition, depth), key => ReleasedOnDispose(key.Constructor, key.Type, key.Depth, cancellationToken));
        }

        private ImmutableArray<IParameterSymbol> ReleasedOnDispose(IMethodSymbol constructor, INamedTypeSymbol type, int depth, CancellationToken cancellationToken)
        {
            var declaration = constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var stored = FieldsFromParameters(ModelOf(declaration.SyntaxTree).GetOperation(declaration, cancellationToken), constructor);
            if (stored.Count == 0)
            {
                return ImmutableArray<IParameterSymbol>.Empty;
            }

            var released = ImmutableArray.CreateBuilder<IParameterSymbol>();
            foreach (var dispose in _catalog.DisposalOf(type))
            {
                foreach (var handOff in _handOffs.Of(new CallTarget(dispose, type, dispatches: true), depth, cancellationToken))
                {
                    if (!handOff.Takes && handOff.Held.Id.OnThis && handOff.Held.Id.Member is { } field && stored.TryGetValue(field, out var parameter)
                        && !released.Contains(parameter))
                    {
                        released.Add(parameter);
                    }
                }
            }

            return released.ToImmutable();
        }

        /// <summary>A constructor's <c>_field = parameter;</c> assignments, by field.</summary>
        private static Dictionary<ISymbol, IParameterSymbol> FieldsFromParameters(IOperation? body, IMethodSymbol constructor)
        {
            var stored = new Dictionary<ISymbol, IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body == null ? default : BodyOperations.Of(body).AndSelf)
            {
                if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field } assignment
                    && ObjectPlace.Of(assignment.Value).Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor))
                {
                    stored[field.Field.OriginalDefinition] = parameter;
                }
            }

            return stored;
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
