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
    /// statements it jumps over declare or assign.
    /// </summary>
    internal static class SubscribeFirstRewriter
    {
        public static SyntaxNode? SubscribeBeforeRead(SyntaxNode root, SyntaxNode subscribeCall, SyntaxNode readCall)
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

            if (!StatementFacts.CanMoveAcross(subscribe, statements.Skip(readIndex).Take(subscribeIndex - readIndex).ToList()))
            {
                return null;
            }

            // The subscription takes the read's place (and its blank lines); both keep their comments.
            var (moved, readInPlace) = LeadingTrivia.SwapPlaces(subscribe, read);
            var reordered = statements.Take(readIndex)
                .Append(moved)
                .Append(readInPlace)
                .Concat(statements.Skip(readIndex + 1).Take(subscribeIndex - readIndex - 1))
                .Concat(statements.Skip(subscribeIndex + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(reordered)));
        }
    }
}
