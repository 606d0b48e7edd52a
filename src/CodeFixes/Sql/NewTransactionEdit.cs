using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>The transaction a SQL fix opens, and the statements that join it (<see cref="NewTransaction"/>).</summary>
    internal sealed class NewTransactionEdit
    {
        public NewTransactionEdit(bool isAsync, string connection, IReadOnlyList<InvocationExpressionSyntax> calls, IReadOnlyList<LocalDeclarationStatementSyntax> commands)
        {
            IsAsync = isAsync;
            Connection = connection;
            Calls = calls;
            Commands = commands;
        }

        /// <summary><c>await using … BeginTransactionAsync()</c> and <c>CommitAsync()</c>, or the synchronous pair.</summary>
        public bool IsAsync { get; }

        /// <summary>The connection expression the transaction is begun on.</summary>
        public string Connection { get; }

        /// <summary>The Dapper calls passed the transaction.</summary>
        public IReadOnlyList<InvocationExpressionSyntax> Calls { get; }

        /// <summary>The declarations of the ADO.NET commands given the transaction after they are made.</summary>
        public IReadOnlyList<LocalDeclarationStatementSyntax> Commands { get; }

        /// <summary>The calls, then the commands: the nodes a fix anchors to.</summary>
        public IEnumerable<SyntaxNode> Nodes => Calls.Cast<SyntaxNode>().Concat(Commands);

        /// <summary>The same transaction with its nodes as they stand in a later version of the tree (<see cref="Nodes"/> order).</summary>
        public NewTransactionEdit At(IEnumerable<SyntaxNode?> nodes)
        {
            var list = nodes.ToList();
            return new NewTransactionEdit(IsAsync, Connection, list.Take(Calls.Count).OfType<InvocationExpressionSyntax>().ToList(),
                list.Skip(Calls.Count).OfType<LocalDeclarationStatementSyntax>().ToList());
        }
    }
}
