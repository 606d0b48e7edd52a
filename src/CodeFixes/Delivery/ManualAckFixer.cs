using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// RACE010: RabbitMQ — consume with <c>autoAck: false</c>, the handler acks after its work and nacks (requeue)
    /// on failure; Kafka — <c>EnableAutoOffsetStore = false</c> and <c>StoreOffset(result)</c> after the write.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ManualAckFixer)), Shared]
    public sealed class ManualAckFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race010AcknowledgedOnDelivery.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.ManualAck";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            var root = document.Root;
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            if (kind == FixProperties.StoreOffsetAfterWriteFix || kind == FixProperties.AutoOffsetStoreOffFix)
            {
                return StoreOffsetTarget.Resolve(document, diagnostic);
            }

            if (kind != FixProperties.ManualAckFix)
            {
                return null;
            }

            var consume = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
            var autoAck = FixPositions.NodeAt(root, diagnostic, FixProperties.AutoAckStart, fromEnd: false) as LiteralExpressionSyntax;
            var handler = FixPositions.NodeAt(root, diagnostic, FixProperties.HandlerStart, fromEnd: false);
            var lambda = handler as ParenthesizedLambdaExpressionSyntax ?? handler?.Parent as ParenthesizedLambdaExpressionSyntax;
            var asyncApi = document.InvocationAt(diagnostic.Location.SourceSpan) is { } call && MethodNames.HasAsyncSuffix(call.TargetMethod.Name);
            return consume != null && autoAck != null && lambda != null ? new Target(asyncApi, new SyntaxNode?[] { consume, autoAck, lambda }) : null;
        }

        /// <summary>
        /// The config creation, the statement that persists the message (none for a rejected StoreOffset), the
        /// consume call, and the config's own <c>EnableAutoOffsetStore</c> assignment when it has one.
        /// </summary>
        private sealed class StoreOffsetTarget : IAnchoredFix
        {
            private readonly string? _result;

            private StoreOffsetTarget(IReadOnlyList<SyntaxNode?> anchors, string? result)
            {
                Anchors = anchors;
                _result = result;
            }

            public string Title => _result == null ? FixTitles.AutoOffsetStoreOff : FixTitles.StoreOffsetAfterWrite;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
            {
                var root = document.Root;
                var config = FixPositions.NodeAt(root, diagnostic, FixProperties.ConfigStart, fromEnd: false)?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
                if (config == null)
                {
                    return null;
                }

                var autoOffsetStore = AutoOffsetStoreSetIn(config, document);
                if (diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) && kind == FixProperties.AutoOffsetStoreOffFix)
                {
                    return new StoreOffsetTarget(new SyntaxNode?[] { config, null, null, autoOffsetStore }, null);
                }

                if (!diagnostic.Properties.TryGetValue(FixProperties.ResultName, out var result) || result == null)
                {
                    return null;
                }

                var write = StatementFacts.StatementOf(FixPositions.NodeAt(root, diagnostic, FixProperties.WriteStart, fromEnd: false));
                var consume = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
                return write != null && consume != null ? new StoreOffsetTarget(new SyntaxNode?[] { config, write, consume, autoOffsetStore }, result) : null;
            }

            /// <summary>The <c>EnableAutoOffsetStore = …</c> of the creation's initializer, told by the property it sets.</summary>
            private static AssignmentExpressionSyntax? AutoOffsetStoreSetIn(BaseObjectCreationExpressionSyntax config, FixDocument document)
            {
                if (!(document.Model.GetOperation(config, document.CancellationToken) is IObjectCreationOperation { Initializer: { } initializer }))
                {
                    return null;
                }

                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property, Syntax: AssignmentExpressionSyntax syntax }
                        && KafkaConsumerSettings.SettingOf(property.Property) == KafkaConsumerSettings.Setting.AutoOffsetStore)
                    {
                        return syntax;
                    }
                }

                return null;
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new StoreOffsetTarget(anchors, _result);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is BaseObjectCreationExpressionSyntax config
                    ? StoreOffsetRewriter.Apply(root, config, Anchors[3] as AssignmentExpressionSyntax, Anchors[1] as StatementSyntax, Anchors[2] as InvocationExpressionSyntax, _result)
                    : null;
        }

        /// <summary>The consume call, its <c>autoAck</c> literal, the handler lambda; whether the consume call is the async API.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly bool _asyncApi;

            public Target(bool asyncApi, IReadOnlyList<SyntaxNode?> anchors)
            {
                _asyncApi = asyncApi;
                Anchors = anchors;
            }

            public string Title => FixTitles.ManualAck;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(_asyncApi, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is InvocationExpressionSyntax consume && Anchors[1] is LiteralExpressionSyntax autoAck && Anchors[2] is ParenthesizedLambdaExpressionSyntax handler
                    ? ManualAckRewriter.AckInHandler(root, consume, autoAck, handler, _asyncApi)
                    : null;
        }
    }
}
