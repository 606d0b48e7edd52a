using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Fix All for fixes that interact (two releases in one method nest their finally blocks; two moves in one
    /// block reorder the same statements): instead of merging independent text edits, which drops overlapping
    /// ones, the fixes of a document are applied one after another, each finding its nodes through annotations
    /// added before the first rewrite.
    /// </summary>
    internal static class SequentialFixAll
    {
        public static FixAllProvider Create(Func<FixDocument, Diagnostic, IAnchoredFix?> resolve)
            => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(context, document, diagnostics, resolve));

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics, Func<FixDocument, Diagnostic, IAnchoredFix?> resolve)
        {
            var planned = await FixDocument.LoadAsync(document, context.CancellationToken).ConfigureAwait(false);
            if (planned == null)
            {
                return document;
            }

            var root = planned.Root;
            var fixes = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => resolve(planned, d)).Where(f => f != null).Select(f => f!).ToList();
            var annotationsByNode = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
            var anchorsByFix = fixes.Select(fix => fix.Anchors.Select(node => Anchor(annotationsByNode, node)).ToArray()).ToList();

            var current = root.ReplaceNodes(annotationsByNode.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotationsByNode[original]));
            for (var i = 0; i < fixes.Count; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var anchors = anchorsByFix[i].Select(annotation => annotation == null ? null : current.GetAnnotatedNodes(annotation).FirstOrDefault()).ToList();
                if (anchors.Where((node, index) => node == null && anchorsByFix[i][index] != null).Any())
                {
                    continue;
                }

                current = fixes[i].WithAnchors(anchors).ApplyTo(current) ?? current;
            }

            return await FileLayout.FormatNewNodesAsync(document, current, context.CancellationToken).ConfigureAwait(false);
        }

        private static SyntaxAnnotation? Anchor(Dictionary<SyntaxNode, List<SyntaxAnnotation>> annotationsByNode, SyntaxNode? node)
        {
            if (node == null)
            {
                return null;
            }

            var annotation = new SyntaxAnnotation("RaceAnalyzers.FixAnchor");
            if (!annotationsByNode.TryGetValue(node, out var list))
            {
                list = new List<SyntaxAnnotation>();
                annotationsByNode.Add(node, list);
            }

            list.Add(annotation);
            return annotation;
        }
    }
}
