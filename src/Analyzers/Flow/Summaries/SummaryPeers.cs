using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// The summary engines of one solution's projects (race-audit), so a call into another project's method, or
    /// through an interface another project implements, is followed into that project's source. Each engine joins
    /// when it is built; a build has no peers.
    /// </summary>
    internal sealed class SummaryPeers<TFact>
    {
        private readonly List<SummaryEngine<TFact>> _engines = new List<SummaryEngine<TFact>>();

        private readonly HashSet<string> _assemblies = new HashSet<string>();

        internal void Join(SummaryEngine<TFact> engine, Compilation compilation)
        {
            lock (_engines)
            {
                _engines.Add(engine);
                _assemblies.Add(compilation.AssemblyName ?? string.Empty);
            }
        }

        /// <summary>True for an assembly one of the solution's projects builds (not a library's).</summary>
        internal bool IsSolutionAssembly(IAssemblySymbol? assembly)
        {
            lock (_engines)
            {
                return assembly != null && _assemblies.Contains(assembly.Name);
            }
        }

        /// <summary>What <paramref name="method"/> yields in every compilation but <paramref name="asking"/>'s.</summary>
        internal ImmutableArray<TFact> Elsewhere(SummaryEngine<TFact> asking, IMethodSymbol method, ITypeSymbol? receiver, int maxDepth, CancellationToken cancellationToken)
        {
            var receiverName = Implementations.NameAcrossCompilations(receiver, method);
            SummaryEngine<TFact>[] engines;
            lock (_engines)
            {
                engines = _engines.ToArray();
            }

            var found = ImmutableArray.CreateBuilder<TFact>();
            foreach (var engine in engines)
            {
                if (!ReferenceEquals(engine, asking))
                {
                    found.AddRange(engine.OfForeign(method, receiverName, maxDepth, cancellationToken));
                }
            }

            return found.ToImmutable();
        }
    }
}
