using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004: let the database compute the new value (<c>SET c = c + @delta</c>), or, where that rewrite does not
    /// apply and the statements run in a transaction, lock the row the SELECT reads.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicUpdateFixer)), Shared]
    public sealed class AtomicUpdateFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race004NonAtomicReadModifyWrite.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.AtomicUpdate";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
            => Target.Resolve(document.Root, diagnostic) ?? RowLock.Resolve(document.Root, diagnostic);

        /// <summary>The SELECT literal to lock, and the dialect.</summary>
        private sealed class RowLock : IAnchoredFix
        {
            private readonly string _dialect;

            private RowLock(IReadOnlyList<SyntaxNode?> anchors, string dialect)
            {
                Anchors = anchors;
                _dialect = dialect;
            }

            public string Title => FixTitles.LockRow;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.LockRowFix
                    || !diagnostic.Properties.TryGetValue(FixProperties.Dialect, out var dialect) || dialect == null)
                {
                    return null;
                }

                var select = FixPositions.NodeAt(root, diagnostic, FixProperties.SqlLiteralStart, fromEnd: false);
                return select is LiteralExpressionSyntax ? new RowLock(new[] { select }, dialect) : null;
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new RowLock(anchors, _dialect);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is LiteralExpressionSyntax select ? RowLockRewriter.LockRow(root, select, _dialect) : null;
        }

        /// <summary>The delta, the SQL literal, the parameter binding and the guard of one diagnostic.</summary>
        private sealed class Target : IAnchoredFix
        {
            private readonly AtomicUpdateEdit _edit;

            private Target(AtomicUpdateEdit edit)
            {
                _edit = edit;
                Anchors = new SyntaxNode?[] { edit.Delta, edit.Sql, edit.Binding, edit.Guard, edit.UpdateCall, edit.ReadCall };
            }

            public string Title => FixTitles.AtomicUpdate;

            /// <summary>The delta expression, the SQL literal, the binding; the guard, the UPDATE's and the SELECT's calls when guarded.</summary>
            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public static IAnchoredFix? Resolve(SyntaxNode root, Diagnostic diagnostic)
            {
                var properties = diagnostic.Properties;
                if (!properties.TryGetValue(FixProperties.FixKind, out var kind) || kind != FixProperties.AtomicUpdateFix
                    || !properties.TryGetValue(FixProperties.Column, out var column) || column == null
                    || !properties.TryGetValue(FixProperties.Parameter, out var parameter) || parameter == null
                    || !properties.TryGetValue(FixProperties.Operator, out var op) || op == null
                    || !TryPosition(properties, FixProperties.DeltaStart, out var deltaStart) || !TryPosition(properties, FixProperties.DeltaEnd, out var deltaEnd)
                    || deltaEnd > root.FullSpan.End || deltaStart > deltaEnd)
                {
                    return null;
                }

                var delta = root.FindNode(TextSpan.FromBounds(deltaStart, deltaEnd), getInnermostNodeForTie: true);
                var sql = FixPositions.NodeAt(root, diagnostic, FixProperties.SqlLiteralStart, fromEnd: false);
                var binding = FixPositions.NodeAt(root, diagnostic, FixProperties.BindingStart, fromEnd: false)?
                    .AncestorsAndSelf().FirstOrDefault(n => n is AnonymousObjectMemberDeclaratorSyntax || n is InvocationExpressionSyntax);
                if (!(sql is LiteralExpressionSyntax literal) || binding == null || !(delta is ExpressionSyntax deltaExpression))
                {
                    return null;
                }

                var edit = new AtomicUpdateEdit(deltaExpression, literal, binding, column, parameter, op);
                if (!properties.TryGetValue(FixProperties.GuardCondition, out var condition) || condition == null)
                {
                    return new Target(edit);
                }

                var guard = FixPositions.NodeAt(root, diagnostic, FixProperties.GuardStart, fromEnd: false) as IfStatementSyntax;
                var update = diagnostic.Location.SourceSpan.End <= root.FullSpan.End
                    ? root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax
                    : null;
                var read = FixPositions.NodeAt(root, diagnostic, FixProperties.ReadStart, fromEnd: false)?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
                return guard != null && update != null && read != null ? new Target(edit.WithGuard(guard, condition, update, read)) : null;
            }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors)
                => anchors[0] is ExpressionSyntax delta && anchors[1] is LiteralExpressionSyntax sql && anchors[2] is SyntaxNode binding
                    ? new Target(new AtomicUpdateEdit(delta, sql, binding, _edit.Column, _edit.Parameter, _edit.Operator)
                        .WithGuard(anchors[3] as IfStatementSyntax, _edit.GuardCondition, anchors[4], anchors[5]))
                    : this;

            public SyntaxNode? ApplyTo(SyntaxNode root) => AtomicUpdateRewriter.Rewrite(root, _edit);

            private static bool TryPosition(ImmutableDictionary<string, string?> properties, string key, out int position)
            {
                position = -1;
                return properties.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out position);
            }
        }
    }
}
