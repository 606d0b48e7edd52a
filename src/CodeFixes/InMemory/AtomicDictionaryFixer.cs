using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>RACE009: one atomic call instead of a read and a write (AddOrUpdate, GetOrAdd).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicDictionaryFixer)), Shared]
    public sealed class AtomicDictionaryFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race009CheckThenActOnConcurrentCollection.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.AtomicDictionary";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            var root = document.Root;
            if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind == null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var write = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (kind == FixProperties.AddOrUpdateFix)
            {
                return diagnostic.Properties.TryGetValue(FixProperties.Operator, out var op) && op != null
                       && Position(diagnostic, FixProperties.DeltaStart) is int start && Position(diagnostic, FixProperties.DeltaEnd) is int end && start <= end && end <= root.FullSpan.End
                       && root.FindNode(TextSpan.FromBounds(start, end), getInnermostNodeForTie: true) is ExpressionSyntax delta
                    ? new Target(kind, op, new SyntaxNode?[] { write, delta })
                    : null;
            }

            var check = FixPositions.NodeAt(root, diagnostic, FixProperties.CheckStart, fromEnd: false) as IfStatementSyntax;
            return check == null ? null : new Target(kind, null, new SyntaxNode?[] { write, check });
        }

        private static int? Position(Diagnostic diagnostic, string key)
            => diagnostic.Properties.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) ? position : null;

        /// <summary>The write, and the delta (AddOrUpdate) or the checking <c>if</c> (GetOrAdd).</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly string _kind;
            private readonly string? _operator;

            public Target(string kind, string? op, IReadOnlyList<SyntaxNode?> anchors)
            {
                _kind = kind;
                _operator = op;
                Anchors = anchors;
            }

            public string Title => _kind == FixProperties.AddOrUpdateFix ? FixTitles.AddOrUpdate : FixTitles.GetOrAdd;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Target(_kind, _operator, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => _kind == FixProperties.AddOrUpdateFix
                    ? (Anchors[0] is AssignmentExpressionSyntax assignment && Anchors[1] is ExpressionSyntax delta
                        ? AtomicDictionaryRewriter.AddOrUpdate(root, assignment, delta, _operator!)
                        : null)
                    : (Anchors[1] is IfStatementSyntax check ? AtomicDictionaryRewriter.GetOrAdd(root, check, declaresOut: _kind == FixProperties.GetOrAddOutFix) : null);
        }
    }
}
