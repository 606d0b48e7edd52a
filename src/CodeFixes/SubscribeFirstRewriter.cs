using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes
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
            var subscribe = StatementSyntaxOf(subscribeCall);
            var read = StatementSyntaxOf(readCall);
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

            var jumpedOver = statements.Skip(readIndex).Take(subscribeIndex - readIndex).ToList();
            if (WrittenNames(jumpedOver).Overlaps(IdentifiersIn(subscribe)) || jumpedOver.Any(s => s is LabeledStatementSyntax))
            {
                return null;
            }

            // The moved statement takes the read's blank lines and keeps its own comments; the read keeps its comments.
            var (readSpacing, readComments) = SplitAtFirstComment(read.GetLeadingTrivia());
            var (_, subscribeComments) = SplitAtFirstComment(subscribe.GetLeadingTrivia());
            var moved = subscribe.WithLeadingTrivia(readSpacing.AddRange(subscribeComments));
            var readInPlace = read.WithLeadingTrivia(LastLineIndentation(readSpacing).AddRange(readComments));
            var reordered = statements.Take(readIndex)
                .Append(moved)
                .Append(readInPlace)
                .Concat(statements.Skip(readIndex + 1).Take(subscribeIndex - readIndex - 1))
                .Concat(statements.Skip(subscribeIndex + 1));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(reordered)));
        }

        /// <summary>Leading trivia split into what comes before the first comment (blank lines, indentation) and the rest.</summary>
        private static (SyntaxTriviaList Spacing, SyntaxTriviaList Comments) SplitAtFirstComment(SyntaxTriviaList trivia)
        {
            var first = trivia.IndexOf(SyntaxKind.SingleLineCommentTrivia);
            var multi = trivia.IndexOf(SyntaxKind.MultiLineCommentTrivia);
            if (first < 0 || (multi >= 0 && multi < first))
            {
                first = multi;
            }

            return first < 0
                ? (trivia, SyntaxFactory.TriviaList())
                : (SyntaxFactory.TriviaList(trivia.Take(first)), SyntaxFactory.TriviaList(trivia.Skip(first)));
        }

        /// <summary>The whitespace after the last line break: the indentation of the statement's own line.</summary>
        private static SyntaxTriviaList LastLineIndentation(SyntaxTriviaList spacing)
            => SyntaxFactory.TriviaList(spacing.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());

        private static StatementSyntax? StatementSyntaxOf(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is ExpressionStatementSyntax || current is LocalDeclarationStatementSyntax)
                {
                    return (StatementSyntax)current;
                }

                if (current is StatementSyntax || current is LambdaExpressionSyntax || current is MemberDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>Names the statements declare, or assign (<c>x = …</c>, <c>x++</c>, <c>out x</c>).</summary>
        private static HashSet<string> WrittenNames(IEnumerable<StatementSyntax> statements)
        {
            var names = new HashSet<string>();
            foreach (var statement in statements)
            {
                foreach (var node in statement.DescendantNodesAndSelf())
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax declarator:
                            names.Add(declarator.Identifier.ValueText);
                            break;
                        case SingleVariableDesignationSyntax designation:
                            names.Add(designation.Identifier.ValueText);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            AddTarget(names, assignment.Left);
                            break;
                        case PostfixUnaryExpressionSyntax postfix:
                            AddTarget(names, postfix.Operand);
                            break;
                        case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                            AddTarget(names, prefix.Operand);
                            break;
                        case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                            AddTarget(names, argument.Expression);
                            break;
                    }
                }
            }

            return names;
        }

        private static void AddTarget(HashSet<string> names, ExpressionSyntax target)
        {
            // For a.b = …, the object a changes.
            while (target is MemberAccessExpressionSyntax member)
            {
                target = member.Expression;
            }

            if (target is IdentifierNameSyntax identifier)
            {
                names.Add(identifier.Identifier.ValueText);
            }
        }

        private static HashSet<string> IdentifiersIn(SyntaxNode node)
            => new HashSet<string>(node.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
    }
}
