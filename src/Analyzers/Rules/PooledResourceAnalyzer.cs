using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules
{
    /// <summary>
    /// RACE001 (returned before dependent use) and RACE002 (not released on exception paths). One analyzer so
    /// that a call flagged by RACE001 is not flagged again by RACE002.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PooledResourceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.ReturnedBeforeDependentUse,
            Descriptors.NotReleasedOnException,
            Descriptors.AcquiredInsideTry);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ApiCatalog.Create(start.Compilation);
                var options = new RaceOptions(start.Options.AnalyzerConfigOptionsProvider);
                start.RegisterOperationBlockStartAction(block => RegisterForBlock(block, catalog, options));
            });
        }

        private static void RegisterForBlock(OperationBlockStartAnalysisContext block, ApiCatalog catalog, RaceOptions options)
        {
            if (block.OperationBlocks.IsEmpty)
            {
                return;
            }

            var configured = options.MethodsFor(block.OperationBlocks[0].Syntax.SyntaxTree);
            var sawRelease = 0;

            // Cheap pre-scan: only blocks that release something get a control-flow graph.
            block.RegisterOperationAction(
                operation =>
                {
                    var call = (IInvocationOperation)operation.Operation;
                    if (Volatile.Read(ref sawRelease) == 0 && catalog.PoolApiOf(call.TargetMethod, call.Instance?.Type, configured)?.Role == Role.Release)
                    {
                        Interlocked.Exchange(ref sawRelease, 1);
                    }
                },
                OperationKind.Invocation);

            block.RegisterOperationBlockEndAction(end =>
            {
                if (Volatile.Read(ref sawRelease) == 0)
                {
                    return;
                }

                var roots = new HashSet<IOperation>();
                foreach (var operationBlock in end.OperationBlocks)
                {
                    var root = operationBlock;
                    while (root.Parent != null)
                    {
                        root = root.Parent;
                    }

                    if (!roots.Add(root))
                    {
                        continue;
                    }

                    var graph = GraphOf(end, operationBlock, root);
                    if (graph != null)
                    {
                        Analyze(end, MethodFlow.Create(graph, end.CancellationToken), catalog, configured);
                    }
                }
            });
        }

        /// <summary>The graph of the body <paramref name="operationBlock"/> belongs to; Roslyn builds it from the root.</summary>
        private static ControlFlowGraph? GraphOf(OperationBlockAnalysisContext context, IOperation operationBlock, IOperation root)
        {
            if (OperationFacts.HasSyntaxErrors(root))
            {
                return null;
            }

            switch (root)
            {
                case IMethodBodyOperation:
                case IConstructorBodyOperation:
                case IBlockOperation:
                case IFieldInitializerOperation:
                case IPropertyInitializerOperation:
                    return context.GetControlFlowGraph(operationBlock);
                default:
                    return null;
            }
        }

        private static void Analyze(OperationBlockAnalysisContext context, MethodFlow flow, ApiCatalog catalog, ConfiguredMethods configured)
        {
            var sites = PoolCallSite.FindAll(flow, catalog, configured);
            foreach (var site in sites)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (site.IsAcquire)
                {
                    if (ExceptionLeak.IsAcquiredInsideReleasingTry(site, sites))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.AcquiredInsideTry,
                            site.Invocation.Syntax.GetLocation(),
                            FixFor(FixProperties.AcquireBeforeTryFix, site, -1),
                            site.Resource.Name,
                            Text.Short(site.Invocation.Syntax)));
                    }

                    continue;
                }

                if (site.Api.Binding == ResourceBinding.Result && ReportUseAfterRelease(context, flow, site, sites, catalog, configured))
                {
                    continue;
                }

                if (site.Api.Kind == ResourceKind.Connection || site.Api.Kind == ResourceKind.Lock)
                {
                    ReportExceptionLeak(context, flow, site, sites, catalog);
                }
            }
        }

        private static bool ReportUseAfterRelease(OperationBlockAnalysisContext context, MethodFlow flow, PoolCallSite release, List<PoolCallSite> sites, ApiCatalog catalog, ConfiguredMethods configured)
        {
            var found = UseAfterRelease.Find(flow, release, sites, catalog, configured);
            if (found?.FirstUse == null)
            {
                return false;
            }

            var use = found.FirstUse.Syntax;
            var acquire = FirstPairedAcquire(release, sites);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ReturnedBeforeDependentUse,
                release.Invocation.Syntax.GetLocation(),
                new[] { use.GetLocation() },
                acquire == null ? null : FixFor(FixProperties.ReleaseInFinallyFix, acquire, found.LastUseEnd),
                release.Resource.Name,
                Text.Short(release.Invocation.Syntax),
                Text.Short(use),
                Text.Line(use)));
            return true;
        }

        private static void ReportExceptionLeak(OperationBlockAnalysisContext context, MethodFlow flow, PoolCallSite release, List<PoolCallSite> sites, ApiCatalog catalog)
        {
            var throwing = ExceptionLeak.UnprotectedThrowBefore(flow, release, sites, catalog);
            if (throwing == null)
            {
                return;
            }

            var thrower = throwing.Syntax;
            var acquire = FirstPairedAcquire(release, sites);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NotReleasedOnException,
                release.Invocation.Syntax.GetLocation(),
                new[] { thrower.GetLocation() },
                acquire == null ? null : FixFor(FixProperties.ReleaseInFinallyFix, acquire, -1),
                release.Resource.Name,
                Text.Short(release.Invocation.Syntax),
                Text.Short(thrower),
                Text.Line(thrower)));
        }

        private static PoolCallSite? FirstPairedAcquire(PoolCallSite release, List<PoolCallSite> sites)
        {
            foreach (var site in sites)
            {
                if (site.IsAcquire && site.Pairs(release))
                {
                    return site;
                }
            }

            return null;
        }

        private static ImmutableDictionary<string, string?> FixFor(string kind, PoolCallSite acquire, int lastUseEnd)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[FixProperties.FixKind] = kind;
            builder[FixProperties.AcquireStart] = acquire.Invocation.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (lastUseEnd >= 0)
            {
                builder[FixProperties.LastUseEnd] = lastUseEnd.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return builder.ToImmutable();
        }
    }
}
