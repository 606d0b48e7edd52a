using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// What a catch that swallows a failed write must do on each broker, so that the message comes again, as a
    /// statement the fixer appends (before a final <c>continue</c>):
    /// <list type="bullet">
    /// <item>Kafka in a consume loop: <c>consumer.Seek(result.TopicPartitionOffset);</c> — the next Consume
    /// delivers the failed message again, and no later commit passes it;</item>
    /// <item>Kafka elsewhere: <c>throw;</c> — the caller's loop must not go on to commit later offsets;</item>
    /// <item>RabbitMQ: <c>BasicNack(tag, multiple: false, requeue: true)</c> — acks are per delivery, and an
    /// unsettled delivery stays unacked until the channel closes;</item>
    /// <item>Service Bus: <c>AbandonMessage(message)</c> — the lock is released and the message delivered again.</item>
    /// </list>
    /// Planned from the commit's symbols when the fix is asked for. Null for configured commit methods, whose
    /// broker is unknown.
    /// </summary>
    internal static class FailurePathPlan
    {
        public static string? For(IInvocationOperation commit)
        {
            var receiver = commit.Instance?.Syntax.ToString();
            var message = commit.Arguments.Length > 0 ? commit.Arguments[0].Value : null;
            var awaited = AwaitableWrappers.Outermost(commit) is IAwaitOperation ? "await " : string.Empty;
            var asyncSuffix = MethodNames.HasAsyncSuffix(commit.TargetMethod.Name) ? MethodNames.AsyncSuffix : string.Empty;
            if (receiver == null)
            {
                return null;
            }

            switch (BrokerShapes.Of(commit))
            {
                case Broker.Kafka when message != null && InLoop(commit.Syntax) && BrokerShapes.RedeliveryPosition(message.Type) is { } position:
                    return $"{receiver}.Seek({message.Syntax}.{position.Name});";
                case Broker.Kafka:
                    return "throw;";
                case Broker.RabbitMq when message != null:
                    return $"{awaited}{receiver}.BasicNack{asyncSuffix}({message.Syntax}, multiple: false, requeue: true);";
                case Broker.ServiceBus when message != null:
                    return $"{awaited}{receiver}.AbandonMessage{asyncSuffix}({message.Syntax});";
                default:
                    return null;
            }
        }

        private static bool InLoop(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                    case ForStatementSyntax _:
                    case CommonForEachStatementSyntax _:
                        return true;
                    case MemberDeclarationSyntax _:
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                        return false;
                }
            }

            return false;
        }
    }
}
