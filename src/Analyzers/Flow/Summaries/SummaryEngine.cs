using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Gating;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// The one summary engine: per compilation and kind of fact, what a call of a source method does, itself or
    /// through the source methods it calls, up to a call depth. A call of an interface, abstract or virtual method
    /// declared in source yields what its implementations and overrides yield (the dispatch takes no depth).
    /// Memoized per (method, depth), thread-safe, cycle-safe, and computed only when a caller asks; a body is bound
    /// only when its syntax can reach the fact within the depth. With <see cref="SummaryPeers{TFact}"/>, methods and
    /// implementations in the solution's other projects are followed too.
    /// </summary>
    internal sealed class SummaryEngine<TFact>
    {
        private readonly Compilation _compilation;
        private readonly SummaryKind<TFact> _kind;
        private readonly SummaryPeers<TFact>? _peers;
        private readonly NameReach _reach;
        private readonly Implementations _implementations;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth, bool AskElsewhere), ImmutableArray<TFact>> _byMethod =
            new ConcurrentDictionary<(IMethodSymbol, int, bool), ImmutableArray<TFact>>();

        public SummaryEngine(Compilation compilation, SummaryKind<TFact> kind, SummaryPeers<TFact>? peers = null)
        {
            _compilation = compilation;
            _kind = kind;
            _peers = peers;
            _reach = new NameReach(compilation, kind.MayYield, kind.BlockYields, kind.BlockYieldsInCompilation);
            _implementations = new Implementations(compilation, ModelOf);
            peers?.Join(this, compilation);
        }

        /// <summary>
        /// What a call of <paramref name="method"/> yields with at most <paramref name="maxDepth"/> calls between it
        /// and the fact, when any implementation may run (the receiver is not known).
        /// </summary>
        public ImmutableArray<TFact> Of(IMethodSymbol method, int maxDepth, CancellationToken cancellationToken)
            => Of(CallTarget.AnyImplementationOf(method), maxDepth, NewQuery(cancellationToken));

        /// <summary>What <paramref name="call"/> yields, with the code the runtime can run for it.</summary>
        public ImmutableArray<TFact> Of(CallTarget call, int maxDepth, CancellationToken cancellationToken)
            => Of(call, maxDepth, NewQuery(cancellationToken));

        /// <summary>A fresh question, for a caller that reads a body itself and asks about its calls.</summary>
        public SummaryQuery<TFact> NewQuery(CancellationToken cancellationToken)
            => new SummaryQuery<TFact>(this, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), askElsewhere: true, cancellationToken);

        /// <summary>True when the compilation has a body that a call of <paramref name="method"/> can run: its own, or an implementation or override.</summary>
        public bool HasSource(IMethodSymbol method)
        {
            method = Normalize(method);
            return (HasSourceHere(method) && !method.IsAbstract) || !_implementations.Of(method).IsEmpty;
        }

        /// <summary>The name gate: <paramref name="block"/> can reach the fact within <paramref name="depth"/> calls (by names on syntax).</summary>
        public bool MayReach(SyntaxNode block, int depth) => _reach.Reaches(block, depth);

        /// <summary>The semantic model of a tree of this compilation, made once.</summary>
        public SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, GetModel);

        internal ImmutableArray<TFact> Of(CallTarget call, int maxDepth, SummaryQuery<TFact> query)
        {
            var method = Normalize(call.Method);
            if (maxDepth < 0)
            {
                return ImmutableArray<TFact>.Empty;
            }

            if (!HasSourceHere(method))
            {
                return query.AskElsewhere && _peers != null ? _peers.Elsewhere(this, method, call.Receiver, maxDepth, query.CancellationToken) : ImmutableArray<TFact>.Empty;
            }

            var own = method.IsAbstract ? ImmutableArray<TFact>.Empty : OwnOf(method, maxDepth, query);
            if (!call.Dispatches)
            {
                return own;
            }

            var implementations = _implementations.Of(method, call.Receiver);
            var askPeers = query.AskElsewhere && _peers != null && IsDispatched(method);
            if (implementations.IsEmpty && !askPeers)
            {
                return own;
            }

            var all = own.ToBuilder();
            var dispatched = query.Asking(askElsewhere: true);
            foreach (var implementation in implementations)
            {
                all.AddRange(OwnOf(Normalize(implementation), maxDepth, dispatched));
            }

            if (askPeers)
            {
                all.AddRange(_peers!.Elsewhere(this, method, call.Receiver, maxDepth, query.CancellationToken));
            }

            return all.ToImmutable();
        }

        /// <summary>What the body of <paramref name="method"/> itself yields (its calls followed, no dispatch of its own).</summary>
        private ImmutableArray<TFact> OwnOf(IMethodSymbol method, int maxDepth, SummaryQuery<TFact> query)
        {
            if (method.IsAbstract || !HasSourceHere(method))
            {
                return ImmutableArray<TFact>.Empty;
            }

            var key = (method, maxDepth, query.AskElsewhere);
            if (_byMethod.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!query.InProgress.Add(method))
            {
                // A recursive call: what the cycle does is already being collected further up.
                return ImmutableArray<TFact>.Empty;
            }

            try
            {
                return _byMethod.GetOrAdd(key, Compute(method, maxDepth, query));
            }
            finally
            {
                query.InProgress.Remove(method);
            }
        }

        /// <summary>
        /// What a call of <paramref name="foreign"/> (a method of another compilation) yields in this one: its body
        /// when it is declared here, and the implementations and overrides here.
        /// </summary>
        /// <remarks>
        /// <paramref name="receiver"/> is the receiver's type as the caller's compilation names it (with its type
        /// arguments): only implementations an object of that type can be run here (a call on
        /// <c>IPipeConfigurator&lt;ConsumeContext&gt;</c> does not reach a class implementing it for <c>SendContext</c>).
        /// </remarks>
        internal ImmutableArray<TFact> OfForeign(IMethodSymbol foreign, (string Constructed, string Definition)? receiver, int maxDepth, CancellationToken cancellationToken)
        {
            var id = DocumentationCommentId.CreateDeclarationId(foreign.OriginalDefinition);
            if (!(DocumentationCommentId.GetFirstSymbolForDeclarationId(id, _compilation) is IMethodSymbol local))
            {
                return ImmutableArray<TFact>.Empty;
            }

            var query = new SummaryQuery<TFact>(this, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), askElsewhere: false, cancellationToken);
            if (HasSourceHere(local))
            {
                return Of(CallTarget.AnyImplementationOf(local), maxDepth, query);
            }

            // A library's interface (IDisposable.Dispose) is implemented everywhere and says nothing about the call.
            if (!_peers!.IsSolutionAssembly(local.ContainingAssembly))
            {
                return ImmutableArray<TFact>.Empty;
            }

            var found = ImmutableArray.CreateBuilder<TFact>();
            foreach (var implementation in _implementations.InSourceOf(local))
            {
                if (receiver == null || Implementations.IsAtOrBelow(implementation.ContainingType, receiver.Value))
                {
                    found.AddRange(OwnOf(Normalize(implementation), maxDepth, query));
                }
            }

            return found.ToImmutable();
        }

        private ImmutableArray<TFact> Compute(IMethodSymbol method, int maxDepth, SummaryQuery<TFact> query)
        {
            var declaration = method.DeclaringSyntaxReferences[0];
            var syntax = declaration.GetSyntax(query.CancellationToken);

            // The name gate knows this compilation's methods only: with peers (race-audit) it could skip a chain across projects.
            if (_peers == null && !_reach.Reaches(syntax, maxDepth))
            {
                return ImmutableArray<TFact>.Empty;
            }

            var body = ModelOf(declaration.SyntaxTree).GetOperation(syntax, query.CancellationToken);
            return body == null ? ImmutableArray<TFact>.Empty : _kind.Read(method, body, maxDepth, query);
        }

        private static IMethodSymbol Normalize(IMethodSymbol method) => (method.PartialImplementationPart ?? method).OriginalDefinition;

        private static bool IsDispatched(IMethodSymbol method)
            => method.IsAbstract || method.IsVirtual || method.ContainingType.TypeKind == TypeKind.Interface;

        /// <summary>Declared in a syntax tree of this compilation (a method of another project of the solution is not).</summary>
        private bool HasSourceHere(IMethodSymbol method)
            => !method.DeclaringSyntaxReferences.IsEmpty && _compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree);

#pragma warning disable RS1030 // Summaries of called methods need their bodies; one model per tree, cached for the compilation.
        private SemanticModel GetModel(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
