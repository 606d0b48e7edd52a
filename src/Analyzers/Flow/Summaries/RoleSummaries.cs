using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// Roles as a kind of summary fact: which roles of one family (reads, subscribes, persists, commits) a call
    /// plays, itself or through the methods it calls. One per compilation and family, with its own engine.
    /// </summary>
    internal sealed class RoleSummaries : SummaryKind<RoleEffect>
    {
        private readonly RaceOptions _options;

        public RoleSummaries(Compilation compilation, IRoleSource source, RaceOptions options)
        {
            Source = source;
            _options = options;
            MayYield = options.OrConfigured(compilation, source.MayPlayRole);
            Engine = new SummaryEngine<RoleEffect>(compilation, this);
        }

        /// <summary>The role family these summaries follow.</summary>
        public IRoleSource Source { get; }

        public SummaryEngine<RoleEffect> Engine { get; }

        public override Func<string, bool> MayYield { get; }

        public override ImmutableArray<RoleEffect> Read(IMethodSymbol method, IOperation body, int maxDepth, SummaryQuery<RoleEffect> callees)
        {
            var effects = ImmutableArray.CreateBuilder<RoleEffect>();
            foreach (var site in RoleSite.Collect(body, _options.MethodsFor(body.Syntax.SyntaxTree), this, maxDepth, callees))
            {
                effects.Add(site.ToEffect(method));
            }

            return effects.ToImmutable();
        }
    }
}
