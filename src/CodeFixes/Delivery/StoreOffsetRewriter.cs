using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// RACE010's Kafka rewrite: <c>EnableAutoOffsetStore = false</c> in the <c>ConsumerConfig</c> creation (set, or
    /// turned from true), and <c>consumer.StoreOffset(result);</c> right after the statement that persists the
    /// message, so auto-commit commits only what was handled. For a rejected <c>StoreOffset</c> only the config changes.
    /// </summary>
    internal static class StoreOffsetRewriter
    {
        /// <param name="autoOffsetStore">The config's own <c>EnableAutoOffsetStore = …</c> in its initializer (found from symbols when the fix was planned), if it has one.</param>
        public static SyntaxNode? Apply(SyntaxNode root, BaseObjectCreationExpressionSyntax config, AssignmentExpressionSyntax? autoOffsetStore, StatementSyntax? write, InvocationExpressionSyntax? consume, string? result)
        {
            var newConfig = WithAutoOffsetStoreOff(config, autoOffsetStore);
            if (write == null)
            {
                return root.ReplaceNode(config, newConfig);
            }

            if (consume?.Expression is not MemberAccessExpressionSyntax access || result == null || !(write.Parent is BlockSyntax) || write.Contains(config))
            {
                return null;
            }

            var store = SyntaxFactory.ParseStatement(access.Expression.WithoutTrivia() + ".StoreOffset(" + result + ");")
                .WithLeadingTrivia(LeadingTrivia.LastLineIndentation(write.GetLeadingTrivia()))
                .WithTrailingTrivia(write.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var tracked = root.TrackNodes(config, write);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(config)!, newConfig);
            var writeNow = tracked.GetCurrentNode(write)!;
            var blockNow = (BlockSyntax)writeNow.Parent!;
            return tracked.ReplaceNode(blockNow, blockNow.WithStatements(blockNow.Statements.Insert(blockNow.Statements.IndexOf(writeNow) + 1, store)));
        }

        private static BaseObjectCreationExpressionSyntax WithAutoOffsetStoreOff(BaseObjectCreationExpressionSyntax config, AssignmentExpressionSyntax? existing)
        {
            var off = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(KafkaConsumerSettings.AutoOffsetStore),
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
            var initializer = config.Initializer;
            if (initializer == null)
            {
                var created = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(off));
                var withInitializer = config is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } explicitType
                    ? explicitType.WithArgumentList(null).WithType(explicitType.Type.WithoutTrailingTrivia()).WithInitializer(created)
                    : config.WithInitializer(created);
                return withInitializer.WithAdditionalAnnotations(Formatter.Annotation);
            }

            if (existing != null && initializer.Expressions.Contains(existing))
            {
                return config.ReplaceNode(existing.Right, off.Right.WithTriviaFrom(existing.Right));
            }

            return config.WithInitializer(initializer.WithExpressions(initializer.Expressions.Add(off))).WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
