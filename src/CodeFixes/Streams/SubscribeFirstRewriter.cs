using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Streams
{
    /// <summary>
    /// RACE003's move: the subscribing statement goes just before the reading statement (the <c>foreach</c> whose
    /// collection the read is, if so). Offered only when both are statements of one block, the read comes first, and
    /// the subscribing statement uses nothing that the statements it jumps over assign. Locals it needs that are
    /// declared in between without effects (<c>var bus = redis.GetSubscriber();</c>, a channel name;
    /// <see cref="EffectFreeDeclarations"/>) and a LISTEN's notification handlers (<see cref="ListenHandlers"/>),
    /// both found when the fix was planned, move up with it, in their order.
    /// </summary>
    internal static class SubscribeFirstRewriter
    {
        public static SyntaxNode? SubscribeBeforeRead(SyntaxNode root, SyntaxNode subscribeCall, SyntaxNode readCall,
            IReadOnlyCollection<StatementSyntax> effectFree, IReadOnlyCollection<StatementSyntax> handlers)
        {
            var subscribe = StatementFacts.StatementOf(subscribeCall);
            var read = StatementFacts.StatementRunning(readCall);
            if (subscribe == null || read == null || subscribe == read || !(subscribe.Parent is BlockSyntax block) || read.Parent != block)
            {
                return null;
            }

            var statements = block.Statements;
            var readIndex = statements.IndexOf(read);
            var subscribeIndex = statements.IndexOf(subscribe);
            if (readIndex < 0 || subscribeIndex <= readIndex)
            {
                return null;
            }

            var jumped = statements.Skip(readIndex).Take(subscribeIndex - readIndex).ToList();
            var handlersAfter = statements.Skip(subscribeIndex + 1).TakeWhile(handlers.Contains).ToList();
            if (handlers.Any(h => !jumped.Skip(1).Contains(h) && !handlersAfter.Contains(h)))
            {
                return null;
            }

            var carried = EffectFreeDeclarations.Carried(jumped.Where(handlers.Contains).Append(subscribe).Concat(handlersAfter).ToList(), jumped.Skip(1).ToList(), effectFree);
            var stays = jumped.Where(s => !carried.Contains(s) && !handlers.Contains(s)).ToList();
            var moving = jumped.Where(s => carried.Contains(s) || handlers.Contains(s)).Append(subscribe).Concat(handlersAfter).ToList();

            // Attaching a handler changes what the connection does when it reads, which is the point; what the handler
            // itself assigns must still not be read by the statements it now runs alongside.
            var written = StatementFacts.WrittenNames(moving.Where(s => !carried.Contains(s))
                .Select(s => handlers.Contains(s) && s is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax attach } ? attach.Right : (SyntaxNode)s));
            if (StatementFacts.WrittenNames(stays).Overlaps(moving.SelectMany(StatementFacts.IdentifiersIn))
                || written.Overlaps(stays.SelectMany(StatementFacts.IdentifiersIn))
                || stays.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
            {
                return null;
            }

            // The first statement that moves takes the read's place (and its blank lines); all keep their comments.
            // The blank lines that set the moved statements apart now set apart what followed them.
            var (first, readInPlace) = LeadingTrivia.SwapPlaces(moving[0], read);
            var following = statements.Skip(subscribeIndex + 1 + handlersAfter.Count).ToList();
            var leftBlankLines = LeadingTrivia.SplitAtFirstComment(moving[0].GetLeadingTrivia()).Spacing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
            if (following.Count > 0 && leftBlankLines.Count > 0 && !following[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                following[0] = following[0].WithLeadingTrivia(SyntaxFactory.TriviaList(leftBlankLines).AddRange(following[0].GetLeadingTrivia()));
            }

            var reordered = statements.Take(readIndex)
                .Append(first)
                .Concat(moving.Skip(1))
                .Append(readInPlace)
                .Concat(stays.Skip(1))
                .Concat(following);
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(reordered)));
        }
    }
}
