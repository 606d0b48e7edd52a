using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// RACE008: one update in SQL (<see cref="ExecuteUpdateEdit"/>) where the entity was loaded only for the
    /// checked change, otherwise the property made a concurrency token (<see cref="ConcurrencyTokenEdit"/>).
    /// Both are text edits, so Fix All merges them across documents (a property shared by many saves is marked once).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EntityConcurrencyFixer)), Shared]
    public sealed class EntityConcurrencyFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "RaceAnalyzers.EntityConcurrency";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race008TrackedEntityLostUpdate.Id);

        public override FixAllProvider GetFixAllProvider() => new MergedEditsFixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var edit = await EditForAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (edit != null)
                {
                    var solution = context.Document.Project.Solution;
                    context.RegisterCodeFix(
                        CodeAction.Create(edit.Value.Title, token => ApplyAsync(solution, edit.Value.Changes, token), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<(string Title, Dictionary<DocumentId, List<TextChange>> Changes)?> EditForAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count < 2)
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || HalfTypedCode.At(model, diagnostic, cancellationToken))
            {
                return null;
            }

            var load = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
            var write = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true);
            if (load == null)
            {
                return null;
            }

            var changes = new Dictionary<DocumentId, List<TextChange>>();
            var save = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var inSql = ExecuteUpdateEdit.For(model, load, write, save, text, cancellationToken);
            if (inSql != null)
            {
                changes[document.Id] = inSql.ToList();
                return (FixTitles.ExecuteUpdate, changes);
            }

            if (!(PropertyOf(write, model, cancellationToken) is { } property)
                || HalfTypedCode.In(model, property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)), cancellationToken))
            {
                return null;
            }

            var token = await ConcurrencyTokenEdit.ForAsync(document.Project.Solution, property, cancellationToken).ConfigureAwait(false);
            if (token == null)
            {
                return null;
            }

            changes[token.Value.Document] = token.Value.Changes.ToList();
            return (string.Format(System.Globalization.CultureInfo.InvariantCulture, FixTitles.ConcurrencyToken, property.ContainingType.Name + "." + property.Name), changes);
        }

        private static IPropertySymbol? PropertyOf(SyntaxNode write, SemanticModel model, CancellationToken cancellationToken)
        {
            var target = write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix => prefix.Operand,
                _ => null,
            };
            return target == null ? null : model.GetSymbolInfo(target, cancellationToken).Symbol as IPropertySymbol;
        }

        private static async Task<Solution> ApplyAsync(Solution solution, Dictionary<DocumentId, List<TextChange>> changes, CancellationToken cancellationToken)
        {
            foreach (var pair in changes)
            {
                var document = solution.GetDocument(pair.Key);
                if (document == null)
                {
                    continue;
                }

                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var distinct = pair.Value.Distinct().OrderBy(change => change.Span.Start).ToList();
                if (Overlap(distinct))
                {
                    continue;
                }

                solution = solution.WithDocumentText(pair.Key, text.WithChanges(distinct));
            }

            return solution;
        }

        /// <summary>Two edits of one span (other than the same insertion twice) cannot both apply: that document is left alone.</summary>
        private static bool Overlap(List<TextChange> ordered)
        {
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Span.Start < ordered[i - 1].Span.End || (ordered[i].Span.Start == ordered[i - 1].Span.Start && ordered[i].Span.IsEmpty && ordered[i - 1].Span.IsEmpty))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every diagnostic's edits in scope, merged per document; the same edit asked twice is made once.</summary>
        private sealed class MergedEditsFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                var documents = context.Scope switch
                {
                    FixAllScope.Document => context.Document == null ? Enumerable.Empty<Document>() : new[] { context.Document },
                    FixAllScope.Project => context.Project.Documents,
                    _ => context.Solution.Projects.SelectMany(project => project.Documents),
                };

                var merged = new Dictionary<DocumentId, List<TextChange>>();
                foreach (var document in documents)
                {
                    foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    {
                        var edit = await EditForAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                        if (edit == null)
                        {
                            continue;
                        }

                        foreach (var pair in edit.Value.Changes)
                        {
                            if (!merged.TryGetValue(pair.Key, out var list))
                            {
                                merged[pair.Key] = list = new List<TextChange>();
                            }

                            list.AddRange(pair.Value);
                        }
                    }
                }

                var solution = context.Solution;
                return merged.Count == 0 ? null : CodeAction.Create("Fix all RACE008", token => ApplyAsync(solution, merged, token), EquivalenceKey);
            }
        }
    }
}
