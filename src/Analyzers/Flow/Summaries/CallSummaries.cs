using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// Per compilation and role family: which roles each source method plays, itself or through the source
    /// methods it calls, up to a call depth. Memoized per (method, depth), thread-safe, cycle-safe, and computed
    /// only when a caller asks, so methods no analyzed method reaches cost nothing.
    /// </summary>
    internal sealed class CallSummaries
    {
        private readonly Compilation _compilation;
        private readonly RaceOptions _options;
        private readonly NameReach _reach;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ImmutableArray<RoleEffect>> _effects =
            new ConcurrentDictionary<(IMethodSymbol, int), ImmutableArray<RoleEffect>>();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly Implementations _implementations;

        public CallSummaries(Compilation compilation, IRoleSource source, RaceOptions options)
        {
            _compilation = compilation;
            Source = source;
            _options = options;
            _reach = new NameReach(compilation, options.OrConfigured(compilation, source.MayPlayRole));
            _implementations = new Implementations(compilation, tree => _models.GetOrAdd(tree, GetModel));
        }

        /// <summary>The role family these summaries follow.</summary>
        public IRoleSource Source { get; }

        /// <summary>
        /// The roles <paramref name="method"/> plays with at most <paramref name="maxDepth"/>
        /// calls between it and the API call. Methods without source in this compilation have none. A call of an
        /// interface, abstract or virtual method declared in source plays what any of its source implementations
        /// and overrides play (the dispatch is not a call of its own: it takes no depth).
        /// </summary>
        public ImmutableArray<RoleEffect> EffectsOf(IMethodSymbol method, int maxDepth)
            => EffectsOf(method, maxDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

        /// <summary>True when the compilation has a body that a call of <paramref name="method"/> can run: its own, or an implementation or override.</summary>
        public bool HasSource(IMethodSymbol method)
        {
            method = (method.PartialImplementationPart ?? method).OriginalDefinition;
            return (!method.DeclaringSyntaxReferences.IsEmpty && !method.IsAbstract) || !_implementations.Of(method).IsEmpty;
        }

        /// <summary>As above; <paramref name="inProgress"/> holds the methods whose summaries are being computed up the call chain.</summary>
        internal ImmutableArray<RoleEffect> EffectsOf(IMethodSymbol method, int maxDepth, HashSet<IMethodSymbol> inProgress)
        {
            method = (method.PartialImplementationPart ?? method).OriginalDefinition;
            if (maxDepth < 0 || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return ImmutableArray<RoleEffect>.Empty;
            }

            var key = (method, maxDepth);
            if (_effects.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!inProgress.Add(method))
            {
                // A recursive call: what the cycle does is already being collected further up.
                return ImmutableArray<RoleEffect>.Empty;
            }

            try
            {
                var computed = method.IsAbstract ? ImmutableArray<RoleEffect>.Empty : Compute(method, maxDepth, inProgress);
                foreach (var implementation in _implementations.Of(method))
                {
                    computed = computed.AddRange(EffectsOf(implementation, maxDepth, inProgress));
                }

                return _effects.GetOrAdd(key, computed);
            }
            finally
            {
                inProgress.Remove(method);
            }
        }

        private ImmutableArray<RoleEffect> Compute(IMethodSymbol method, int maxDepth, HashSet<IMethodSymbol> inProgress)
        {
            var syntax = method.DeclaringSyntaxReferences[0];
            if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree) || !_reach.Reaches(syntax.GetSyntax(), maxDepth))
            {
                // Nothing it calls, within the depth, has a name that can play a role: no need to bind it.
                return ImmutableArray<RoleEffect>.Empty;
            }

            var model = _models.GetOrAdd(syntax.SyntaxTree, GetModel);
            var body = model.GetOperation(syntax.GetSyntax());
            if (body == null)
            {
                return ImmutableArray<RoleEffect>.Empty;
            }

            var configured = _options.MethodsFor(syntax.SyntaxTree);
            var effects = ImmutableArray.CreateBuilder<RoleEffect>();
            foreach (var site in RoleSite.Collect(body, configured, this, maxDepth, inProgress))
            {
                effects.Add(site.ToEffect(method));
            }

            return effects.ToImmutable();
        }

#pragma warning disable RS1030 // Summaries of called methods need their bodies; one model per tree, cached for the compilation.
        private SemanticModel GetModel(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
