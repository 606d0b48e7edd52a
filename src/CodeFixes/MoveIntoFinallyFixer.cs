using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// RACE001 and RACE002: release in a finally that covers the acquisition up to the last use, or, for a lock
    /// entered inside its own try, enter it before the try. Offered only when <see cref="TryFinallyRewriter"/>
    /// can prove the move safe.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(MoveIntoFinallyFixer)), Shared]
    public sealed class MoveIntoFinallyFixer : CodeFixProvider
    {
        public const string ReleaseInFinallyKey = "RaceAnalyzers.ReleaseInFinally";
        public const string AcquireBeforeTryKey = "RaceAnalyzers.AcquireBeforeTry";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("RACE001", "RACE002");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind)
                    || !TryReadPosition(diagnostic, FixProperties.AcquireStart, out var acquireStart))
                {
                    continue;
                }

                var flagged = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (kind == FixProperties.ReleaseInFinallyFix)
                {
                    var lastUseEnd = TryReadPosition(diagnostic, FixProperties.LastUseEnd, out var end) ? end : -1;
                    var rewritten = TryFinallyRewriter.ReleaseInFinally(root, flagged, acquireStart, lastUseEnd);
                    if (rewritten != null)
                    {
                        Register(context, diagnostic, "Release in a finally block", ReleaseInFinallyKey, rewritten);
                    }
                }
                else if (kind == FixProperties.AcquireBeforeTryFix)
                {
                    var rewritten = TryFinallyRewriter.AcquireBeforeTry(root, flagged);
                    if (rewritten != null)
                    {
                        Register(context, diagnostic, "Acquire before the try block", AcquireBeforeTryKey, rewritten);
                    }
                }
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string key, SyntaxNode newRoot)
        {
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), key),
                diagnostic);
        }

        private static bool TryReadPosition(Diagnostic diagnostic, string key, out int position)
        {
            position = -1;
            return diagnostic.Properties.TryGetValue(key, out var text)
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out position);
        }
    }
}
