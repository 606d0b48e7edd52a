using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
        // One per family (the catalog's, itself one per compilation): RACE006/007 and RACE010 both follow commits and
        // persists through the same callees, and would otherwise each summarize them.
        private static readonly ConditionalWeakTable<IRoleSource, RoleSummaries> PerFamily = new ConditionalWeakTable<IRoleSource, RoleSummaries>();

        private readonly Compilation _compilation;
        private readonly RaceOptions _options;

        private RoleSummaries(Compilation compilation, IRoleSource source, RaceOptions options)
        {
            _compilation = compilation;
            Source = source;
            _options = options;
            MayYield = options.OrConfigured(compilation, source.MayPlayRole);
            Engine = new SummaryEngine<RoleEffect>(compilation, this);
        }

        /// <summary>The summaries of <paramref name="source"/>'s roles, shared by the analyzers of one compilation that read the same options.</summary>
        public static RoleSummaries For(Compilation compilation, IRoleSource source, RaceOptions options)
        {
            var shared = PerFamily.GetValue(source, s => new RoleSummaries(compilation, s, options));
            return ReferenceEquals(shared._compilation, compilation) && ReferenceEquals(shared._options, options) ? shared : new RoleSummaries(compilation, source, options);
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
