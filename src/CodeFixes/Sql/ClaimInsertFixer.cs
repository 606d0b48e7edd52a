using System.Collections.Generic;
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

        internal override IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic) => Target.Resolve(root, diagnostic);

        /// <summary>The insert call, the check call and the insert's SQL literal of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly string _key;

            private Target(IReadOnlyList<SyntaxNode?> anchors, string key)
            {
                Anchors = anchors;
                _key = key;
            }

            public string Title => "Claim with ON CONFLICT DO NOTHING";

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.ClaimInsertFix
                    || !diagnostic.Properties.TryGetValue(FixProperties.Column, out var key) || key == null
                    || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
                {
                    return null;
                }

                var check = FixPositions.NodeAt(root, diagnostic, FixProperties.CheckStart, fromEnd: false);
                var sql = FixPositions.NodeAt(root, diagnostic, FixProperties.SqlLiteralStart, fromEnd: false);
                return check != null && sql is LiteralExpressionSyntax
                    ? new Target(new[] { root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), check, sql }, key)
                    : null;
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(anchors, _key);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[2] is LiteralExpressionSyntax sql ? ClaimInsertRewriter.Claim(root, Anchors[0]!, Anchors[1]!, sql, _key) : null;
        }
    }
}
