using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.CodeFixes.Locks
{
    /// <summary>RACE012: the Monitor's lock object becomes a <c>SemaphoreSlim(1, 1)</c>, which no thread owns.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SemaphoreForMonitorFixer)), Shared]
    public sealed class SemaphoreForMonitorFixer : AnchoredFixProvider
    {
        // One summary engine per compilation, as the analyzer has: a Fix All asks for every diagnostic of a document.
        private static readonly ConditionalWeakTable<Compilation, LockSummaries> Summaries = new ConditionalWeakTable<Compilation, LockSummaries>();

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race012ThreadAffineLockAcrossAwait.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.SemaphoreForMonitor";

        /// <summary>The await is reported and the take is its additional location; the lock held there is found again by reading the body's locks.</summary>
        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || !(document.OperationAt(diagnostic.Location.SourceSpan) is { } reported))
            {
                return null;
            }

            var summaries = Summaries.GetValue(document.Compilation, compilation => new LockSummaries(compilation, document.Catalog, document.Options));
            var facts = summaries.FactsOf(FixDocument.RootOf(reported).Syntax, document.CancellationToken);
            var held = HeldAt(facts, diagnostic);
            var plan = held == null ? null : SemaphoreConversion.Plan(held, summaries, document.Catalog, document.Options.MethodsFor(document.Root.SyntaxTree), document.CancellationToken);
            return plan is var (field, uses, importThreading) ? new Target(field, uses, importThreading) : null;
        }

        private static HeldLock? HeldAt(LockFacts facts, Diagnostic diagnostic)
            => facts.Awaits.Where(awaitSite => awaitSite.Site.SourceSpan == diagnostic.Location.SourceSpan)
                .SelectMany(awaitSite => awaitSite.Held)
                .FirstOrDefault(held => held.ThreadAffine && held.Site.SourceSpan == diagnostic.AdditionalLocations[0].SourceSpan);

        /// <summary>The field's declarator, then every use the rewrite changes.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly IReadOnlyList<LockUse> _uses;
            private readonly bool _importThreading;

            public Target(VariableDeclaratorSyntax field, IReadOnlyList<LockUse> uses, bool importThreading)
            {
                _uses = uses;
                _importThreading = importThreading;
                Anchors = new SyntaxNode?[] { field }.Concat(uses.Select(use => use.Statement)).ToList();
            }

            public string Title => FixTitles.SemaphoreForMonitor;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors)
                => anchors[0] is VariableDeclaratorSyntax field && anchors.Skip(1).All(anchor => anchor != null)
                    ? new Target(field, _uses.Select((use, index) => use.At(anchors[index + 1]!)).ToList(), _importThreading)
                    : this;

            public SyntaxNode? ApplyTo(SyntaxNode root) => Anchors[0] is VariableDeclaratorSyntax field ? SemaphoreForMonitorRewriter.Rewrite(root, field, _uses, _importThreading) : null;
        }
    }
}
