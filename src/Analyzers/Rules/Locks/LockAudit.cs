using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RaceAnalyzers.Flow.Gating;
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
        /// <summary>The summaries race-audit reads a compilation with; it connects them across projects (<see cref="LockSummaries.Elsewhere"/>).</summary>
        public static LockSummaries SummariesFor(Compilation compilation, AnalyzerConfigOptionsProvider options)
            => new LockSummaries(compilation, ApiCatalog.For(compilation), new RaceOptions(options));

        public static ImmutableArray<AuditedMethod> Collect(Compilation compilation, AnalyzerConfigOptionsProvider options, LockSummaries summaries, CancellationToken cancellationToken)
        {
            var catalog = ApiCatalog.For(compilation);
            var raceOptions = new RaceOptions(options);
            var methods = ImmutableArray.CreateBuilder<AuditedMethod>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = summaries.ModelOf(tree);
                var configured = raceOptions.MethodsFor(tree);
                var depth = raceOptions.MaxCallDepthFor(tree);
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (!(node is BaseMethodDeclarationSyntax || node is AccessorDeclarationSyntax)
                        || !(model.GetDeclaredSymbol(node, cancellationToken) is IMethodSymbol method)
                        || GeneratedCode.Holds(method, tree, compilation, cancellationToken)
                        || !(model.GetOperation(node, cancellationToken) is IOperation body))
                    {
                        continue;
                    }

                    var facts = LockWalk.Read(body, catalog, configured, method.ContainingType, cancellationToken);
                    if (!facts.Acquisitions.IsEmpty)
                    {
                        methods.Add(new AuditedMethod(method, facts, LockEdge.Of(method, facts, summaries, depth, cancellationToken)));
                    }
                }
            }

            return methods.ToImmutable();
        }
    }
}
