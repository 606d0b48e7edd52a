using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>RACE010: consume with <c>autoAck: false</c>; the handler acks after its work and nacks (requeue) on failure.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ManualAckFixer)), Shared]
    public sealed class ManualAckFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race010AcknowledgedOnDelivery.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.ManualAck";

        internal override IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.ManualAckFix || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var consume = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
            var autoAck = FixPositions.NodeAt(root, diagnostic, FixProperties.AutoAckStart, fromEnd: false) as LiteralExpressionSyntax;
            var handler = FixPositions.NodeAt(root, diagnostic, FixProperties.HandlerStart, fromEnd: false);
            var lambda = handler as ParenthesizedLambdaExpressionSyntax ?? handler?.Parent as ParenthesizedLambdaExpressionSyntax;
            return consume != null && autoAck != null && lambda != null ? new Target(new SyntaxNode?[] { consume, autoAck, lambda }) : null;
        }

        /// <summary>The consume call, its <c>autoAck</c> literal, the handler lambda.</summary>
        private sealed class Target : IAnchoredFix
        {
            public Target(IReadOnlyList<SyntaxNode?> anchors) => Anchors = anchors;

            public string Title => "Acknowledge after handling (autoAck: false)";

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is InvocationExpressionSyntax consume && Anchors[1] is LiteralExpressionSyntax autoAck && Anchors[2] is ParenthesizedLambdaExpressionSyntax handler
                    ? ManualAckRewriter.AckInHandler(root, consume, autoAck, handler)
                    : null;
        }
    }
}
