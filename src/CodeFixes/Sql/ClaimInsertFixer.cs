using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>RACE005: claim the key with the INSERT itself (ON CONFLICT DO NOTHING) and gate the work on its row count.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClaimInsertFixer)), Shared]
    public sealed class ClaimInsertFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race005NonAtomicCheckThenInsert.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.ClaimInsert";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic) => Target.Resolve(document.Root, diagnostic);

        /// <summary>The insert call, the check call, the insert's SQL literal and the calls to pass the transaction to, of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly string _key;
            private readonly string? _transactionKind;
            private readonly string? _connection;

            private Target(IReadOnlyList<SyntaxNode?> anchors, string key, string? transactionKind, string? connection)
            {
                Anchors = anchors;
                _key = key;
                _transactionKind = transactionKind;
                _connection = connection;
            }

            public string Title => FixTitles.Claim;

            /// <summary>Insert call, check call, SQL literal, then the calls that join the transaction.</summary>
            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                var properties = diagnostic.Properties;
                if (!properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.ClaimInsertFix
                    || !properties.TryGetValue(FixProperties.Column, out var key) || key == null
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var check = FixPositions.NodeAt(root, diagnostic, FixProperties.CheckStart, fromEnd: false);
                var sql = FixPositions.NodeAt(root, diagnostic, FixProperties.SqlLiteralStart, fromEnd: false);
                if (check == null || !(sql is LiteralExpressionSyntax))
                {
                    return null;
                }

                var anchors = new List<SyntaxNode?> { root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), check, sql };
                properties.TryGetValue(FixProperties.TransactionKind, out var transactionKind);
                properties.TryGetValue(FixProperties.Connection, out var connection);
                if (transactionKind != null)
                {
                    if (connection == null || !properties.TryGetValue(FixProperties.WorkCalls, out var calls) || calls == null)
                    {
                        return null;
                    }

                    foreach (var position in calls.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        var call = int.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) && start < root.FullSpan.End
                            ? root.FindToken(start).Parent?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.SpanStart == start)
                            : null;
                        if (call == null)
                        {
                            return null;
                        }

                        anchors.Add(call);
                    }
                }

                return new Target(anchors, key, transactionKind, connection);
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors, _key, _transactionKind, _connection);

            public SyntaxNode? ApplyTo(SyntaxNode root)
            {
                if (!(Anchors[2] is LiteralExpressionSyntax sql))
                {
                    return null;
                }

                var transaction = _transactionKind != null && _connection != null
                    ? new ClaimTransactionEdit(_transactionKind == FixProperties.AsyncTransaction, _connection, Anchors.Skip(3).OfType<InvocationExpressionSyntax>().ToList())
                    : null;
                return ClaimInsertRewriter.Claim(root, Anchors[0]!, Anchors[1]!, sql, _key, transaction);
            }
        }
    }
}
