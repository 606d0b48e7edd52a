using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Fix All for fixes that interact (two releases in one method nest their finally blocks): instead of merging
    /// independent text edits, which drops overlapping ones, the fixes of a document are applied one after another,
    /// each finding its nodes through annotations added before the first rewrite.
    /// </summary>
    internal static class SequentialFixAll
    {
        public static FixAllProvider Provider { get; } = FixAllProvider.Create(FixDocumentAsync);

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }

            var targets = diagnostics.Select(d => PoolFixTarget.Resolve(root, d)).Where(t => t != null).Select(t => t!).ToList();
            var anchors = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
            var perTarget = new List<SyntaxAnnotation?[]>();
            foreach (var target in targets)
            {
                perTarget.Add(new[] { Anchor(anchors, target.Flagged), Anchor(anchors, target.Acquire), Anchor(anchors, target.LastUse) });
            }

            var current = root.ReplaceNodes(anchors.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(anchors[original]));
            for (var i = 0; i < targets.Count; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var flagged = Find(current, perTarget[i][0]);
                if (flagged == null)
                {
                    continue;
                }

                var moved = targets[i].With(flagged, Find(current, perTarget[i][1]), Find(current, perTarget[i][2]));
                current = moved.ApplyTo(current) ?? current;
            }

            return document.WithSyntaxRoot(current);
        }

        private static SyntaxAnnotation? Anchor(Dictionary<SyntaxNode, List<SyntaxAnnotation>> anchors, SyntaxNode? node)
        {
            if (node == null)
            {
                return null;
            }

            var annotation = new SyntaxAnnotation("RaceAnalyzers.FixAnchor");
            if (!anchors.TryGetValue(node, out var list))
            {
                list = new List<SyntaxAnnotation>();
                anchors.Add(node, list);
            }

            list.Add(annotation);
            return annotation;
        }

        private static SyntaxNode? Find(SyntaxNode root, SyntaxAnnotation? annotation)
            => annotation == null ? null : root.GetAnnotatedNodes(annotation).FirstOrDefault();
    }
}
