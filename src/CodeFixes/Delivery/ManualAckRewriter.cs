using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// RACE010's rewrite: <c>autoAck: true</c> becomes <c>false</c>, and the handler's body runs in a <c>try</c>
    /// that acks the delivery after the body and nacks it with requeue when the body throws. Offered only for a
    /// block-bodied handler with the delivery as its second parameter and no <c>return</c> (which would skip the ack).
    /// </summary>
    internal static class ManualAckRewriter
    {
        /// <param name="asyncApi">The consume call is RabbitMQ.Client 7's <c>BasicConsumeAsync</c> (told from its symbol when the fix was planned): ack and nack are awaited <c>…Async</c> calls too.</param>
        public static SyntaxNode? AckInHandler(SyntaxNode root, InvocationExpressionSyntax consume, LiteralExpressionSyntax autoAck, ParenthesizedLambdaExpressionSyntax handler, bool asyncApi)
        {
            if (!autoAck.IsKind(SyntaxKind.TrueLiteralExpression) || !(handler.Block is BlockSyntax body) || handler.ParameterList.Parameters.Count != 2
                || !(consume.Expression is MemberAccessExpressionSyntax access)
                || body.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any())
            {
                return null;
            }

            var channel = access.Expression.WithoutTrivia().ToString();
            var delivery = handler.ParameterList.Parameters[1].Identifier.ValueText;
            if (asyncApi != handler.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
            {
                return null;
            }

            var (await, suffix) = asyncApi ? ("await ", MethodNames.AsyncSuffix) : (string.Empty, string.Empty);
            var ack = SyntaxFactory.ParseStatement($"{await}{channel}.BasicAck{suffix}({delivery}.DeliveryTag, multiple: false);");
            var nack = SyntaxFactory.ParseStatement($"{await}{channel}.BasicNack{suffix}({delivery}.DeliveryTag, multiple: false, requeue: true);");
            var guarded = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(body.Statements.Add(ack)),
                SyntaxFactory.SingletonList(SyntaxFactory.CatchClause().WithBlock(SyntaxFactory.Block(nack))),
                null);
            var newBody = body.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(guarded)).WithAdditionalAnnotations(Formatter.Annotation);
            var newAutoAck = SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(autoAck);
            return root.ReplaceNodes(new SyntaxNode[] { autoAck, body }, (original, _) => original == autoAck ? newAutoAck : newBody);
        }
    }
}
