using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Streams
{
    /// <summary>RACE003: subscribe first, then read the snapshot (the reader must then de-duplicate).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribeFirstFixer)), Shared]
    public sealed class SubscribeFirstFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race003SnapshotReadBeforeSubscribe.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.SubscribeFirst";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => Target.Resolve(document, diagnostic);

        /// <summary>
        /// The subscribing call, the earliest related reading call, the declarations between them that may move up (free
        /// of effects), and the LISTEN's notification handlers that must move with it (<see cref="ListenHandlers"/>).
        /// </summary>
        private sealed class Target : IAnchoredFix
        {
            private Target(IReadOnlyList<SyntaxNode?> anchors) => Anchors = anchors;

            public string Title => FixTitles.SubscribeFirst;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
            {
                var root = document.Root;
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.SubscribeFirstFix
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var subscribe = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var read = FixPositions.NodeAt(root, diagnostic, FixProperties.ReadStart, fromEnd: false);
                if (read == null)
                {
                    return null;
                }

                var handlers = ListenHandlers.ToCarry(subscribe, document.InvocationAt(diagnostic.Location.SourceSpan), read, document.Model, document.Catalog, document.CancellationToken);
                if (handlers == null)
                {
                    return null;
                }

                var effectFree = EffectFreeDeclarations.Between(read, subscribe, document.Model, document.Catalog, document.CancellationToken);
                return new Target(new[] { subscribe, read }.Concat(effectFree).Concat(handlers).ToList());
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => SubscribeFirstRewriter.SubscribeBeforeRead(root, Anchors[0]!, Anchors[1]!,
                    Anchors.Skip(2).OfType<LocalDeclarationStatementSyntax>().ToList(), Anchors.Skip(2).OfType<ExpressionStatementSyntax>().ToList());
        }
    }
}
