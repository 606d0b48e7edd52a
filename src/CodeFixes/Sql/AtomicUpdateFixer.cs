using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004: let the database compute the new value (<c>SET c = c + @delta</c>), or, where that rewrite does not
    /// apply, lock the row the SELECT reads until the write commits (<see cref="RowLockFix"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicUpdateFixer)), Shared]
    public sealed class AtomicUpdateFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race004NonAtomicReadModifyWrite.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.AtomicUpdate";

        /// <summary>The diagnostic keeps the SET column it found; everything else is planned here, from the semantic model.</summary>
        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Column, out var column) || column == null
                || !(SqlFinding.Resolve(document, diagnostic) is { } finding))
            {
                return null;
            }

            // Planned shapes the rewrite still refuses (a WHERE with OR the guard would bind into) fall back too.
            if (AtomicUpdatePlan.For(finding, column) is { } edit && AtomicUpdateRewriter.Rewrite(document.Root, edit) != null)
            {
                return new Target(edit);
            }

            return RowLockFix.For(finding);
        }

        /// <summary>The delta, the SQL literal, the parameter binding and the guard of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly AtomicUpdateEdit _edit;

            public Target(AtomicUpdateEdit edit)
            {
                _edit = edit;
                Anchors = new SyntaxNode?[] { edit.Delta, edit.Sql, edit.Binding, edit.Guard, edit.UpdateCall, edit.ReadCall, edit.ReadCommand?.Declaration }
                    .Concat(edit.ReadCommand?.Setup ?? Enumerable.Empty<SyntaxNode>()).ToList();
            }

            public string Title => FixTitles.AtomicUpdate;

            /// <summary>
            /// The delta expression, the SQL literal, the binding; the guard, the UPDATE's and the SELECT's calls when
            /// guarded; the SELECT's own command and its setup statements, when it has one.
            /// </summary>
            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors)
                => anchors[0] is ExpressionSyntax delta && anchors[1] is LiteralExpressionSyntax sql && anchors[2] is SyntaxNode binding
                    ? new Target(new AtomicUpdateEdit(delta, sql, binding, _edit.Column, _edit.Parameter, _edit.Operator, _edit.StepsCounter)
                        .WithGuard(anchors[3] as IfStatementSyntax, _edit.GuardCondition, anchors[4], anchors[5], _edit.ReadCommand?.At(anchors[6], anchors.Skip(7))))
                    : this;

            public SyntaxNode? ApplyTo(SyntaxNode root) => AtomicUpdateRewriter.Rewrite(root, _edit);
        }
    }
}
