using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// The lock audit as rules. Each body that takes a lock is read once (<see cref="LockWalk"/>): RACE012 and
    /// RACE013 are answered from that body and the summaries of its calls; its "taken while holding" edges are
    /// kept for the end of the compilation, where RACE011 looks for cycles in the graph of all of them.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LockAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Race011LockOrderInversion, Descriptors.Race012ThreadAffineLockAcrossAwait, Descriptors.Race013NonReentrantLockTakenAgain);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            var summaries = new LockSummaries(start.Compilation, catalog, options);
            var mayTakeLock = options.OrConfigured(start.Compilation, ApiCatalog.MayBeLockCall);
            var edges = new ConcurrentBag<LockEdge>();

            AnalyzedBody.Register(start, block => MayTakeLock(block, mayTakeLock) || summaries.MayHoldThroughCalls(block), body =>
            {
                if (!(body.Owner is IMethodSymbol method))
                {
                    return;
                }

                var facts = summaries.FactsOf(body.Root, method.ContainingType, body.CancellationToken);
                if (facts.HoldsNothing)
                {
                    return;
                }

                var depth = options.MaxCallDepthFor(body.Tree);
                foreach (var edge in LockEdge.Of(method, facts, summaries, depth, body.CancellationToken))
                {
                    edges.Add(edge);
                }

                ThreadAffineAwait.Report(body, facts);
                LockReentry.Report(body, facts, summaries, depth);
            });

            start.RegisterCompilationEndAction(end =>
            {
                var reported = new System.Collections.Generic.HashSet<Location>();
                foreach (var cycle in LockCycles.Find(edges))
                {
                    LockOrderReport.Report(cycle, end.ReportDiagnostic, reported);
                }
            });
        }

        private static bool MayTakeLock(SyntaxNode block, System.Func<string, bool> mayTakeLock)
            => InvokedNames.Of(block).Any(mayTakeLock) || LockWalk.HasLockStatement(block);
    }
}
