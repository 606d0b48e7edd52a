using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
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
            var concurrentDictionary = MetadataTypes.Find(start.Compilation, DictionaryShapes.ConcurrentDictionaryMetadataName);
            if (concurrentDictionary == null)
            {
                return;
            }

            var finder = new CheckThenAct(concurrentDictionary, WellKnownTypes.For(start.Compilation));
            AnalyzedBody.Register(start, MayCheckThenAct, body =>
            {
                foreach (var operation in BodyOperations.Of(body.Root).Descendants)
                {
                    if (operation is IPropertyReferenceOperation || (operation is IInvocationOperation call && DictionaryShapes.IsConditionalWriteName(call.TargetMethod.Name)))
                    {
                        Analyze(body, operation, concurrentDictionary, finder);
                    }
                }
            });
        }

        /// <summary>
        /// From syntax alone, before binding: a body that calls a dictionary's conditional-write methods, or assigns
        /// through an indexer and also indexes elsewhere or checks a key (<c>d[k] = d[k] + 1</c>, <c>if (!d.ContainsKey(k)) d[k] = …</c>).
        /// </summary>
        private static bool MayCheckThenAct(SyntaxNode block)
        {
            var names = InvokedNames.Of(block);
            if (names.Any(DictionaryShapes.IsConditionalAccessName))
            {
                return true;
            }

            // From the tree's one scan (this runs for every body): the first assignment through an indexer, and then
            // another element access or a key check.
            var scan = TreeScan.Of(block.SyntaxTree);
            var span = block.Span;
            int from = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, span.Start), to = TreeScan.FirstAtOrAfter(scan.ElementAccessStarts, span.End);
            var assigned = Array.IndexOf(scan.ElementAccessAssigned, true, from, to - from) >= 0;
            return assigned && (to - from >= 2 || names.Any(DictionaryShapes.IsKeyCheckName));
        }

        private static void Analyze(AnalyzedBody context, IOperation operation, INamedTypeSymbol concurrentDictionary, CheckThenAct finder)
        {
            var write = DictionaryAccess.Of(operation, concurrentDictionary);
            if (write == null || !write.Writes || !IsShared(write) || (write.Member == DictionaryMember.TryAdd && !(operation.Parent is IExpressionStatementOperation)))
            {
                return; // a TryAdd whose result is used is the caller's claim, handled there
            }

            var read = finder.DecidingRead(write);
            if (read == null)
            {
                return;
            }

            // The write is reported, the read is the additional location: what the fix finds them by.
            context.Report(Diagnostic.Create(
                Descriptors.Race009CheckThenActOnConcurrentCollection,
                WriteLocation(write),
                new[] { read.Operation.Syntax.GetLocation() },
                Text.Short(WriteLocationNode(write)),
                write.Dictionary.Name,
                Text.Short(read.Operation.Syntax),
                Text.Line(read.Operation.Syntax),
                DictionaryIncrement.Of(write, read) != null ? "AddOrUpdate" : "GetOrAdd, AddOrUpdate or TryUpdate"));
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
        internal static SyntaxNode WriteLocationNode(DictionaryAccess write)
            => write.Operation.Parent is ISimpleAssignmentOperation assignment ? assignment.Syntax : write.Operation.Syntax;

        private static Location WriteLocation(DictionaryAccess write) => WriteLocationNode(write).GetLocation();
    }
}
