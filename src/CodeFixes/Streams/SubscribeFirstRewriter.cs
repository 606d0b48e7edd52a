using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Streams
{
    /// <summary>
    /// RACE003's move: the subscribing statement goes just before the reading statement. Offered only when both
    /// are statements of one block, the read comes first, and the subscribing statement uses nothing that the
    /// statements it jumps over assign. Locals it needs that are declared in between without effects
    /// (<c>var bus = redis.GetSubscriber();</c>, a channel name; <see cref="EffectFreeDeclarations"/>, found when
    /// the fix was planned) move up with it, in their order.
    /// </summary>
    internal static class SubscribeFirstRewriter
    {
        public static SyntaxNode? SubscribeBeforeRead(SyntaxNode root, SyntaxNode subscribeCall, SyntaxNode readCall, IReadOnlyCollection<StatementSyntax> effectFree)
        {
            var subscribe = StatementFacts.StatementOf(subscribeCall);
            var read = StatementFacts.StatementOf(readCall);
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
            var carried = EffectFreeDeclarations.Carried(subscribe, jumped.Skip(1).ToList(), effectFree);
            var stays = jumped.Where(s => !carried.Contains(s)).ToList();
            var moving = carried.Append(subscribe).ToList();
            if (StatementFacts.WrittenNames(stays).Overlaps(moving.SelectMany(StatementFacts.IdentifiersIn))
                || StatementFacts.WrittenNames(new[] { subscribe }).Overlaps(stays.SelectMany(StatementFacts.IdentifiersIn))
                || stays.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any()))
            {
                return null;
            }

            // The first statement that moves takes the read's place (and its blank lines); all keep their comments.
            // The blank lines that set the moved statements apart now set apart what followed them.
            var (first, readInPlace) = LeadingTrivia.SwapPlaces(moving[0], read);
            var following = statements.Skip(subscribeIndex + 1).ToList();
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
