using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Pools
{
    /// <summary>
    /// RACE001 and RACE002: release in a finally that covers the acquisition up to the last use, or, for a lock
    /// entered inside its own try, enter it before the try. Offered only when <see cref="MoveIntoFinallyRewriter"/>
    /// can prove the move safe. Both repairs share one equivalence key so one Fix All run applies both.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveIntoFinallyFixer)), Shared]
    public sealed class MoveIntoFinallyFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race001ReturnedBeforeDependentUse.Id, Descriptors.Race002NotReleasedOnException.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.MoveIntoFinally";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => PoolFixTarget.Resolve(document.Root, diagnostic);
    }
}
