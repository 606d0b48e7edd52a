using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>RACE003: subscribe first, then read the snapshot (the reader must then de-duplicate).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribeFirstFixer)), Shared]
    public sealed class SubscribeFirstFixer : CodeFixProvider
    {
        public const string EquivalenceKey = "RaceAnalyzers.SubscribeFirst";

        private static readonly FixAllProvider FixAll = SequentialFixAll.Create(Target.Resolve);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("RACE003");

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
                var target = Target.Resolve(root, diagnostic);
                var rewritten = target?.ApplyTo(root);
                if (target == null || rewritten == null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(CodeAction.Create(target.Title, _ => Task.FromResult(document.WithSyntaxRoot(rewritten)), EquivalenceKey), diagnostic);
            }
        }

        /// <summary>The subscribing call and the reading call of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private Target(IReadOnlyList<SyntaxNode?> anchors) => Anchors = anchors;

            public string Title => "Subscribe before reading the snapshot";

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.SubscribeFirstFix
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var read = FixPositions.NodeAt(root, diagnostic, FixProperties.ReadStart, fromEnd: false);
                return read == null ? null : new Target(new[] { root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), read });
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root) => SubscribeFirstRewriter.SubscribeBeforeRead(root, Anchors[0]!, Anchors[1]!);
        }
    }
}
