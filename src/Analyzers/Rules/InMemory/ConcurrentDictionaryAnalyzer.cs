using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>
    /// RACE009: check-then-act on a shared <c>ConcurrentDictionary</c>. Each call is atomic; two calls are not.
    /// A write decided by an earlier read of the same entry loses what another thread wrote in between.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConcurrentDictionaryAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Race009CheckThenActOnConcurrentCollection);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            var concurrentDictionary = start.Compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2");
            if (concurrentDictionary == null)
            {
                return;
            }

            var finder = new CheckThenAct(concurrentDictionary);
            start.RegisterOperationAction(
                context => Analyze(context, concurrentDictionary, finder),
                OperationKind.PropertyReference,
                OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol concurrentDictionary, CheckThenAct finder)
        {
            if (context.Operation is IInvocationOperation call && call.TargetMethod.Name != "TryAdd" && call.TargetMethod.Name != "TryRemove")
            {
                return;
            }

            var write = DictionaryAccess.Of(context.Operation, concurrentDictionary);
            if (write == null || !write.Writes || !IsShared(write) || (context.Operation is IInvocationOperation { TargetMethod.Name: "TryAdd" } add && !(add.Parent is IExpressionStatementOperation)))
            {
                return; // a TryAdd whose result is used is the caller's claim, handled there
            }

            var read = finder.DecidingRead(write);
            if (read == null)
            {
                return;
            }

            var fix = AtomicDictionaryPlan.For(write, read);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Race009CheckThenActOnConcurrentCollection,
                WriteLocation(write),
                new[] { read.Operation.Syntax.GetLocation() },
                fix,
                Text.Short(WriteLocationNode(write)),
                write.Dictionary.Name,
                Text.Short(read.Operation.Syntax),
                Text.Line(read.Operation.Syntax),
                fix != null && fix.TryGetValue(FixProperties.FixKind, out var kind) && kind == FixProperties.AddOrUpdateFix ? "AddOrUpdate" : "GetOrAdd, AddOrUpdate or TryUpdate"));
        }

        /// <summary>A field, a parameter, or a local that a lambda or local function captures: state other threads can reach.</summary>
        private static bool IsShared(DictionaryAccess write)
        {
            if (!(write.Dictionary is ILocalSymbol local))
            {
                return true;
            }

            for (var current = write.Operation.Parent; current != null; current = current.Parent)
            {
                var function = current switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation localFunction => localFunction.Symbol,
                    _ => null,
                };
                if (function != null)
                {
                    return !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, function);
                }
            }

            return false;
        }

        /// <summary>An indexer set is reported on the whole assignment (<c>d[k] = …</c>), a call on itself.</summary>
        private static SyntaxNode WriteLocationNode(DictionaryAccess write)
            => write.Operation.Parent is ISimpleAssignmentOperation assignment ? assignment.Syntax : write.Operation.Syntax;

        private static Location WriteLocation(DictionaryAccess write) => WriteLocationNode(write).GetLocation();
    }
}
