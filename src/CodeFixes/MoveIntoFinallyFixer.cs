using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// RACE001 and RACE002: release in a finally that covers the acquisition up to the last use, or, for a lock
    /// entered inside its own try, enter it before the try. Offered only when <see cref="TryFinallyRewriter"/>
    /// can prove the move safe.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveIntoFinallyFixer)), Shared]
    public sealed class MoveIntoFinallyFixer : CodeFixProvider
    {
        /// <summary>
        /// One key for both repairs: `dotnet format` runs Fix All under the key of the first fix it sees for an
        /// id, and both repairs of RACE002 must be applied in that one run.
        /// </summary>
        public const string EquivalenceKey = "RaceAnalyzers.MoveIntoFinally";

        private static readonly FixAllProvider FixAll = SequentialFixAll.Create(PoolFixTarget.Resolve);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("RACE001", "RACE002");

        public override FixAllProvider GetFixAllProvider() => FixAll;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var target = PoolFixTarget.Resolve(root, diagnostic);
                var rewritten = target?.ApplyTo(root);
                if (target == null || rewritten == null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(target.Title, _ => Task.FromResult(document.WithSyntaxRoot(rewritten)), EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
