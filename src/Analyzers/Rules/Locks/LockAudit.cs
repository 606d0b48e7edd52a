using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>What one method body of a compilation does with locks, and the lock-order edges it adds.</summary>
    internal sealed class AuditedMethod
    {
        public AuditedMethod(IMethodSymbol method, LockFacts facts, ImmutableArray<LockEdge> edges)
        {
            Method = method;
            Facts = facts;
            Edges = edges;
        }

        public IMethodSymbol Method { get; }

        public LockFacts Facts { get; }

        public ImmutableArray<LockEdge> Edges { get; }
    }

    /// <summary>
    /// The lock facts of a whole compilation, for race-audit: every body that takes a lock, read by the same walk,
    /// summaries and edges the rules use, so the report and the diagnostics cannot disagree.
    /// </summary>
    internal static class LockAudit
    {
        /// <summary>The summaries race-audit reads a compilation with, joined to the other projects' through <paramref name="peers"/>.</summary>
        public static LockSummaries SummariesFor(Compilation compilation, AnalyzerConfigOptionsProvider options, SummaryPeers<ReachedAcquisition> peers)
            => new LockSummaries(compilation, ApiCatalog.For(compilation), new RaceOptions(options), peers);

        public static ImmutableArray<AuditedMethod> Collect(Compilation compilation, AnalyzerConfigOptionsProvider options, LockSummaries summaries, CancellationToken cancellationToken)
        {
            var raceOptions = new RaceOptions(options);
            var methods = ImmutableArray.CreateBuilder<AuditedMethod>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = summaries.ModelOf(tree);
                var depth = raceOptions.MaxCallDepthFor(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (!(node is BaseMethodDeclarationSyntax || node is AccessorDeclarationSyntax)
                        || !(model.GetDeclaredSymbol(node, cancellationToken) is IMethodSymbol method)
                        || !AnalyzedBody.IsAnalyzed(node, method, compilation, cancellationToken)
                        || !(model.GetOperation(node, cancellationToken) is IOperation body))
                    {
                        continue;
                    }

                    var facts = summaries.FactsOf(body, method.ContainingType, cancellationToken);
                    if (!facts.HoldsNothing)
                    {
                        methods.Add(new AuditedMethod(method, facts, LockEdge.Of(method, facts, summaries, depth, cancellationToken)));
                    }
                }
            }

            return methods.ToImmutable();
        }
    }
}
