using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Rules.Sql;

namespace RaceAnalyzers.Rules.EfCore
{
    /// <summary>
    /// RACE008: an entity loaded with tracking, a mapped property set from its old value, then <c>SaveChanges</c>
    /// on the same context, with nothing that makes EF Core notice a concurrent save (a concurrency token or row
    /// version, a row lock, a serializable transaction). The UPDATE names only the key, so the later save wins.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TrackedEntityAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Race008TrackedEntityLostUpdate);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            var ef = EfCoreShapes.For(start.Compilation);
            if (ef == null)
            {
                return;
            }

            var tokens = new ConcurrencyTokens(start.Compilation, start.CancellationToken);
            AnalyzedBody.Register(start, block => InvokedNames.Of(block).Any(EfCoreShapes.MaySave), body => Analyze(body, ef, tokens));
        }

        private static void Analyze(AnalyzedBody body, EfCoreShapes ef, ConcurrencyTokens tokens)
        {
            var saves = new List<IInvocationOperation>();
            var loads = new List<(ILocalSymbol Entity, TrackedLoad Load)>();
            var transactions = new TransactionScopes(body.Root);
            foreach (var operation in BodyOperations.Of(body.Root).Descendants)
            {
                switch (operation)
                {
                    case IInvocationOperation save when ef.IsSave(save):
                        saves.Add(save);
                        break;
                    case IInvocationOperation begin when EfCoreShapes.OpensIsolatingTransaction(begin):
                        transactions.Opened(begin, serializable: true);
                        break;
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when TrackedLoad.Of(initializer.Value, ef) is { } load:
                        loads.Add((declarator.Symbol, load));
                        break;
                }
            }

            if (saves.Count == 0)
            {
                return;
            }

            foreach (var (entity, load) in loads)
            {
                if (load.LocksRow || transactions.SerializableAt(load.Call) || (!load.Tracks && !Reattached(body.Root, entity)))
                {
                    continue;
                }

                foreach (var (write, property) in OwnValueWrite.In(body.Root, entity))
                {
                    if (write.Syntax.SpanStart < load.Call.Syntax.SpanStart || tokens.Protect(entity.Type, property))
                    {
                        continue;
                    }

                    var save = SaveAfter(saves, write, load.Context);
                    if (save != null)
                    {
                        Report(body, save, load, write, entity, property);
                        break;
                    }
                }
            }
        }

        /// <summary>The first save of the same context after the write, in the same function.</summary>
        private static IInvocationOperation? SaveAfter(List<IInvocationOperation> saves, IOperation write, ISymbol context)
        {
            foreach (var save in saves)
            {
                if (save.Syntax.SpanStart > write.Syntax.SpanStart
                    && SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(save.Instance), context)
                    && ReferenceEquals(OperationFacts.EnclosingFunction(save), OperationFacts.EnclosingFunction(write)))
                {
                    return save;
                }
            }

            return null;
        }

        /// <summary>An untracked entity reaches the database only when handed back: <c>Update(e)</c>, <c>Attach(e)</c>, <c>Entry(e)</c>.</summary>
        private static bool Reattached(IOperation root, ILocalSymbol entity)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IInvocationOperation call && EfCoreShapes.Reattaches(call.TargetMethod.Name))
                {
                    foreach (var argument in call.Arguments)
                    {
                        if (OperationValues.SkipConversions(argument.Value) is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, entity))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static void Report(AnalyzedBody body, IInvocationOperation save, TrackedLoad load, IOperation write, ILocalSymbol entity, IPropertySymbol property)
        {
            body.Report(Diagnostic.Create(
                Descriptors.Race008TrackedEntityLostUpdate,
                save.Syntax.GetLocation(),
                new[] { load.Call.Syntax.GetLocation(), write.Syntax.GetLocation() },
                Text.Short(save.Syntax),
                entity.Name + "." + property.Name,
                Text.Short(write.Syntax),
                Text.Line(write.Syntax),
                Text.Short(load.Call.Syntax),
                Text.Line(load.Call.Syntax),
                property.ContainingType.Name + "." + property.Name));
        }
    }
}
