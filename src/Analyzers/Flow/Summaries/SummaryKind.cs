using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// One kind of fact the summary engine follows through calls (roles, lock takes): how to tell on syntax that a
    /// body may yield it, and how one source body yields its facts, its own and those of the calls it makes.
    /// </summary>
    internal abstract class SummaryKind<TFact>
    {
        /// <summary>Names (on syntax, before binding) of calls that can yield the fact directly.</summary>
        public abstract Func<string, bool> MayYield { get; }

        /// <summary>A further syntax test for facts that are not calls (a <c>lock</c> statement); null when there are none.</summary>
        public virtual Func<SyntaxNode, bool>? BlockYields => null;

        /// <summary>
        /// A syntax test whose answer also depends on the rest of the compilation (events subscribed elsewhere), so
        /// it is never kept with a tree; null when there is none.
        /// </summary>
        public virtual Func<SyntaxNode, bool>? BlockYieldsInCompilation => null;

        /// <summary>
        /// The facts of <paramref name="method"/>'s body: those it yields itself, and those of its calls, asked of
        /// <paramref name="callees"/> with one call less of depth.
        /// </summary>
        public abstract ImmutableArray<TFact> Read(IMethodSymbol method, IOperation body, int maxDepth, SummaryQuery<TFact> callees);
    }
}
