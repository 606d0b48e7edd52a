using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>The transaction RACE005's fix opens around the claim and the work it guards, and the calls that join it.</summary>
    internal sealed class ClaimTransactionEdit
    {
        public ClaimTransactionEdit(bool isAsync, string connection, IReadOnlyList<InvocationExpressionSyntax> calls)
        {
            IsAsync = isAsync;
            Connection = connection;
            Calls = calls;
        }

        /// <summary><c>await using … BeginTransactionAsync()</c> and <c>CommitAsync()</c>, or the synchronous pair.</summary>
        public bool IsAsync { get; }

        /// <summary>The connection expression the transaction is begun on.</summary>
        public string Connection { get; }

        /// <summary>The Dapper calls from the check to the insert (the insert included): each is passed the transaction.</summary>
        public IReadOnlyList<InvocationExpressionSyntax> Calls { get; }

        /// <summary>The same transaction joined by the calls as they stand in a later version of the tree.</summary>
        public ClaimTransactionEdit WithCalls(IReadOnlyList<InvocationExpressionSyntax> calls) => new ClaimTransactionEdit(IsAsync, Connection, calls);
    }
}
