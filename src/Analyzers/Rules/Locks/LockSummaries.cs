using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>A lock a call takes somewhere below it, with the chain of source methods that leads there.</summary>
    internal sealed class ReachedAcquisition
    {
        public ReachedAcquisition(LockAcquisition acquisition, ImmutableArray<IMethodSymbol> path, LockHop hop)
        {
            Acquisition = acquisition;
            Path = path;
            Hop = hop;
        }

        public LockAcquisition Acquisition { get; }

        /// <summary>The called method first, the method that takes the lock last.</summary>
        public ImmutableArray<IMethodSymbol> Path { get; }

        /// <summary>Whose lock it is, relative to the object the first call runs on.</summary>
        public LockHop Hop { get; }

        /// <summary>Every call on the way is on <c>this</c> (or static) and the lock is the instance's own.</summary>
        public bool OnThis => Hop == LockHop.Same;
    }

    /// <summary>
    /// Per compilation: the locks each source method takes, itself or through the source methods it calls
    /// (interface and virtual calls through their implementations), up to the configured call depth. Memoized
    /// per (method, depth), cycle-safe, and asked only for calls made while a lock is held; a method is bound only
    /// when its syntax can reach a lock within the depth.
    /// </summary>
    internal sealed class LockSummaries
    {
        private readonly Compilation _compilation;
        private readonly ApiCatalog _catalog;
        private readonly RaceOptions _options;
        private readonly NameReach _reach;
        private readonly Implementations _implementations;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth, bool AskElsewhere), ImmutableArray<ReachedAcquisition>> _byMethod =
            new ConcurrentDictionary<(IMethodSymbol, int, bool), ImmutableArray<ReachedAcquisition>>();

        public LockSummaries(Compilation compilation, ApiCatalog catalog, RaceOptions options)
        {
            _compilation = compilation;
            _catalog = catalog;
            _options = options;
            _reach = new NameReach(compilation, options.OrConfigured(compilation, ApiCatalog.MayBeLockCall), HasLockStatement);
            _implementations = new Implementations(compilation, tree => _models.GetOrAdd(tree, GetModel));
        }

        /// <summary>
        /// What a call of a method without source in this compilation takes, when another compilation has it:
        /// race-audit connects the projects of a solution here so cycles across projects are found. Null in builds.
        /// </summary>
        public Func<IMethodSymbol, int, CancellationToken, ImmutableArray<ReachedAcquisition>>? Elsewhere { get; set; }

        /// <summary>
        /// The locks a call of <paramref name="foreign"/> (a method of another compilation) takes in this
        /// compilation: its body when it is declared here, and the implementations and overrides here.
        /// </summary>
        public ImmutableArray<ReachedAcquisition> OfForeign(IMethodSymbol foreign, int maxDepth, CancellationToken cancellationToken)
        {
            var id = DocumentationCommentId.CreateDeclarationId(foreign.OriginalDefinition);
            if (!(DocumentationCommentId.GetFirstSymbolForDeclarationId(id, _compilation) is IMethodSymbol local))
            {
                return ImmutableArray<ReachedAcquisition>.Empty;
            }

            var inProgress = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (HasSourceHere(local))
            {
                return Of(local, maxDepth, inProgress, askElsewhere: false, cancellationToken);
            }

            var reached = ImmutableArray.CreateBuilder<ReachedAcquisition>();
            foreach (var implementation in _implementations.InSourceOf(local))
            {
                reached.AddRange(Of(implementation, maxDepth, inProgress, askElsewhere: false, cancellationToken));
            }

            return reached.ToImmutable();
        }

        /// <summary>A cheap syntax test: the block may take a lock itself (a <c>lock</c> statement or a lock call's name).</summary>
        public static bool HasLockStatement(SyntaxNode block)
        {
            foreach (var node in block.DescendantNodes())
            {
                if (node is LockStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The locks a call of <paramref name="method"/> takes, with at most <paramref name="maxDepth"/> further calls.</summary>
        public ImmutableArray<ReachedAcquisition> Of(IMethodSymbol method, int maxDepth, CancellationToken cancellationToken)
            => Of(method, maxDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), askElsewhere: true, cancellationToken);

        /// <param name="askElsewhere">
        /// Whether to ask <see cref="Elsewhere"/> for a method whose source is not here and for implementations in
        /// other compilations; false when another compilation is asking, so two never send the same question back and forth.
        /// </param>
        private ImmutableArray<ReachedAcquisition> Of(IMethodSymbol method, int maxDepth, HashSet<IMethodSymbol> inProgress, bool askElsewhere, CancellationToken cancellationToken)
        {
            method = (method.PartialImplementationPart ?? method).OriginalDefinition;
            if (maxDepth < 0)
            {
                return ImmutableArray<ReachedAcquisition>.Empty;
            }

            if (!HasSourceHere(method))
            {
                return askElsewhere ? Elsewhere?.Invoke(method, maxDepth, cancellationToken) ?? ImmutableArray<ReachedAcquisition>.Empty : ImmutableArray<ReachedAcquisition>.Empty;
            }

            var key = (method, maxDepth, askElsewhere);
            if (_byMethod.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!inProgress.Add(method))
            {
                return ImmutableArray<ReachedAcquisition>.Empty;
            }

            try
            {
                var computed = method.IsAbstract ? ImmutableArray<ReachedAcquisition>.Empty : Compute(method, maxDepth, inProgress, cancellationToken);

                // An override or implementation runs on the object the call is made on: the caller's hop decides whose lock it is.
                foreach (var implementation in _implementations.Of(method))
                {
                    computed = computed.AddRange(Of(implementation, maxDepth, inProgress, askElsewhere: true, cancellationToken));
                }

                if (askElsewhere && Elsewhere != null && (method.IsAbstract || method.IsVirtual || method.ContainingType.TypeKind == TypeKind.Interface))
                {
                    computed = computed.AddRange(Elsewhere(method, maxDepth, cancellationToken));
                }

                return _byMethod.GetOrAdd(key, computed);
            }
            finally
            {
                inProgress.Remove(method);
            }
        }

        /// <summary>Declared in a syntax tree of this compilation (a method of another project of the solution is not).</summary>
        private bool HasSourceHere(IMethodSymbol method)
            => !method.DeclaringSyntaxReferences.IsEmpty && _compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree);

        private ImmutableArray<ReachedAcquisition> Compute(IMethodSymbol method, int maxDepth, HashSet<IMethodSymbol> inProgress, CancellationToken cancellationToken)
        {
            var declaration = method.DeclaringSyntaxReferences[0];
            var syntax = declaration.GetSyntax(cancellationToken);
            // The name gate knows this compilation's methods only: across projects (race-audit) it could skip a call chain.
            if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree) || (Elsewhere == null && !_reach.Reaches(syntax, maxDepth)))
            {
                return ImmutableArray<ReachedAcquisition>.Empty;
            }

            var body = _models.GetOrAdd(declaration.SyntaxTree, GetModel).GetOperation(syntax, cancellationToken);
            if (body == null)
            {
                return ImmutableArray<ReachedAcquisition>.Empty;
            }

            var facts = LockWalk.Read(body, _catalog, _options.MethodsFor(declaration.SyntaxTree), method.ContainingType, cancellationToken);
            var reached = ImmutableArray.CreateBuilder<ReachedAcquisition>();
            var self = ImmutableArray.Create(method);
            foreach (var acquisition in facts.Acquisitions)
            {
                reached.Add(new ReachedAcquisition(acquisition, self, acquisition.Id.OnThis ? LockHop.Same : LockHop.Other));
            }

            foreach (var call in facts.Calls)
            {
                foreach (var deeper in Of(call.Callee, maxDepth - 1, inProgress, askElsewhere: true, cancellationToken))
                {
                    reached.Add(new ReachedAcquisition(deeper.Acquisition, deeper.Path.Insert(0, method), call.Hop.Then(deeper.Hop)));
                }
            }

            return reached.ToImmutable();
        }

        /// <summary>The semantic model of a tree of this compilation, made once.</summary>
        public SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, GetModel);

        /// <summary>What one source method body does with locks (its own body only); none for methods without source.</summary>
        public LockFacts FactsOf(SyntaxNode declaration, CancellationToken cancellationToken)
        {
            var model = ModelOf(declaration.SyntaxTree);
            var body = model.GetOperation(declaration, cancellationToken);
            var owner = (model.GetDeclaredSymbol(declaration, cancellationToken) ?? model.GetEnclosingSymbol(declaration.SpanStart, cancellationToken))?.ContainingType;
            return body == null ? LockFacts.None : LockWalk.Read(body, _catalog, _options.MethodsFor(declaration.SyntaxTree), owner, cancellationToken);
        }

#pragma warning disable RS1030 // Summaries of called methods need their bodies; one model per tree, cached for the compilation.
        private SemanticModel GetModel(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
