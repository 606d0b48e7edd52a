using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// Writes a <see cref="NewTransactionEdit"/>: <c>await using var transaction = await conn.BeginTransactionAsync();</c>
    /// before the first statement it covers, <c>await transaction.CommitAsync();</c> after the last, and each
    /// statement in between joined to it. An early exit in between disposes the transaction, which rolls it back.
    /// </summary>
    internal static class TransactionWrapper
    {
        /// <summary>The calls given the transaction argument and the commands their Transaction, in the tree as it is.</summary>
        public static SyntaxNode Enlist(SyntaxNode root, NewTransactionEdit transaction, string name)
        {
            var tracked = root.TrackNodes(transaction.Nodes);
            tracked = tracked.ReplaceNodes(transaction.Calls.Select(c => tracked.GetCurrentNode(c)!), (_, rewritten) => WithTransactionArgument(rewritten, name));
            foreach (var command in transaction.Commands)
            {
                var declaration = tracked.GetCurrentNode(command)!;
                var local = declaration.Declaration.Variables[0].Identifier.ValueText;
                var assignment = SyntaxFactory.ParseStatement($"{local}.Transaction = {name};");
                tracked = tracked.InsertNodesAfter(declaration, new[] { After(declaration, assignment) });
            }

            return tracked;
        }

        /// <summary>The transaction opened before <paramref name="first"/> and committed after <paramref name="last"/>, statements of one block.</summary>
        public static SyntaxNode? Wrap(SyntaxNode root, NewTransactionEdit transaction, StatementSyntax first, StatementSyntax last)
        {
            if (!(first.Parent is BlockSyntax scope) || last.Parent != scope)
            {
                return null;
            }

            var name = StatementFacts.FreeName(scope, "transaction");
            var tracked = root.TrackNodes(transaction.Nodes.Append(first).Append(last));
            tracked = Enlist(tracked, transaction.At(transaction.Nodes.Select(n => tracked.GetCurrentNode(n))), name);
            tracked = CommitAfter(tracked, transaction, name, tracked.GetCurrentNode(last)!);
            return OpenBefore(tracked, transaction, name, tracked.GetCurrentNode(first)!);
        }

        /// <summary>The transaction committed on a line of its own after <paramref name="last"/>.</summary>
        public static SyntaxNode CommitAfter(SyntaxNode root, NewTransactionEdit transaction, string name, StatementSyntax last)
            => root.InsertNodesAfter(last, new[] { After(last, Commit(transaction, name)) });

        /// <summary>The transaction begun on a line of its own before <paramref name="first"/>, which keeps its comments.</summary>
        public static SyntaxNode OpenBefore(SyntaxNode root, NewTransactionEdit transaction, string name, StatementSyntax first)
        {
            var (spacing, comments) = LeadingTrivia.SplitAtFirstComment(first.GetLeadingTrivia());
            var begin = Begin(transaction, name).WithLeadingTrivia(spacing).WithTrailingTrivia(LineBreakAfter(first));
            return root.ReplaceNode(first, new[] { begin, first.WithLeadingTrivia(LeadingTrivia.LastLineIndentation(spacing).AddRange(comments)) });
        }

        public static StatementSyntax Begin(NewTransactionEdit transaction, string name)
            => SyntaxFactory.ParseStatement(transaction.IsAsync
                ? $"await using var {name} = await {transaction.Connection}.BeginTransactionAsync();"
                : $"using var {name} = {transaction.Connection}.BeginTransaction();");

        public static StatementSyntax Commit(NewTransactionEdit transaction, string name)
            => SyntaxFactory.ParseStatement(transaction.IsAsync ? $"await {name}.CommitAsync();" : $"{name}.Commit();");

        /// <summary><paramref name="statement"/> laid out on its own line after <paramref name="previous"/>, at its indentation.</summary>
        private static StatementSyntax After(StatementSyntax previous, StatementSyntax statement)
            => statement.WithLeadingTrivia(LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(previous.GetLeadingTrivia()).Spacing))
                .WithTrailingTrivia(LineBreakAfter(previous));

        private static SyntaxTriviaList LineBreakAfter(SyntaxNode statement)
        {
            var lineBreak = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return SyntaxFactory.TriviaList(lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? lineBreak : SyntaxFactory.ElasticLineFeed);
        }

        /// <summary><c>db.ExecuteAsync(sql, param)</c> becomes <c>db.ExecuteAsync(sql, param, transaction: transaction)</c>.</summary>
        private static SyntaxNode WithTransactionArgument(SyntaxNode call, string transaction)
        {
            if (!(call is InvocationExpressionSyntax invocation))
            {
                return call;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var argument = SyntaxFactory.ParseArgumentList($"(transaction: {transaction})").Arguments[0];
            var separators = arguments.GetSeparators().ToList();
            if (arguments.Count > 0)
            {
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments.Add(argument), separators)));
        }
    }
}
