using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// One question to the summary engine as it travels down a call chain: the methods whose summaries are being
    /// computed above (so recursion ends), whether other compilations may be asked, and the cancellation.
    /// </summary>
    internal readonly struct SummaryQuery<TFact>
    {
        internal SummaryQuery(SummaryEngine<TFact> engine, HashSet<IMethodSymbol> inProgress, bool askElsewhere, CancellationToken cancellationToken)
        {
            Engine = engine;
            InProgress = inProgress;
            AskElsewhere = askElsewhere;
            CancellationToken = cancellationToken;
        }

        public SummaryEngine<TFact> Engine { get; }

        internal HashSet<IMethodSymbol> InProgress { get; }

        /// <summary>False while another compilation is asking, so two never send the same question back and forth.</summary>
        internal bool AskElsewhere { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>What <paramref name="call"/> yields with at most <paramref name="maxDepth"/> further calls.</summary>
        public ImmutableArray<TFact> Of(CallTarget call, int maxDepth) => Engine.Of(call, maxDepth, this);

        internal SummaryQuery<TFact> Asking(bool askElsewhere) => new SummaryQuery<TFact>(Engine, InProgress, askElsewhere, CancellationToken);
    }
}
