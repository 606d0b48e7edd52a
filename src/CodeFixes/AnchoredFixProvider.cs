using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// A fixer whose fixes are <see cref="IAnchoredFix"/>es: one code action per diagnostic whose move is proven
    /// safe, and a Fix All that applies a document's fixes one after another. Neither plans on half-typed code
    /// (<see cref="HalfTypedCode"/>): where the diagnostic is, or what the fix would rewrite, has a compiler error.
    /// </summary>
    public abstract class AnchoredFixProvider : CodeFixProvider
    {
        private FixAllProvider? _fixAll;

        /// <summary>One key per fixer: `dotnet format` runs Fix All under the key of the first fix it sees for an id.</summary>
        protected abstract string EquivalenceKey { get; }

        public sealed override FixAllProvider GetFixAllProvider() => _fixAll ??= SequentialFixAll.Create(Plan);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
            if (document == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var fix = Plan(document, diagnostic);
                var rewritten = fix?.ApplyTo(document.Root);
                if (fix == null || rewritten == null)
                {
                    continue;
                }

                var original = context.Document;
                context.RegisterCodeFix(CodeAction.Create(fix.Title, token => FileLayout.FormatNewNodesAsync(original, rewritten, token), EquivalenceKey), diagnostic);
            }
        }

        /// <summary>Where every fix of these fixers is planned: none on half-typed code, before planning and after.</summary>
        private IAnchoredFix? Plan(FixDocument document, Diagnostic diagnostic)
        {
            if (HalfTypedCode.At(document.Model, diagnostic, document.CancellationToken))
            {
                return null;
            }

            var fix = Resolve(document, diagnostic);
            return fix == null || HalfTypedCode.In(document.Model, fix.Anchors, document.CancellationToken) ? null : fix;
        }

        /// <summary>
        /// The fix a diagnostic asks for, planned on <paramref name="document"/> and anchored to nodes of its root;
        /// null when there is none that can be proven safe.
        /// </summary>
        internal abstract IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic);
    }
}
