using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// RACE008's general fix: <c>[ConcurrencyCheck]</c> on the property, in the file that declares it, so EF Core
    /// puts the loaded value into the UPDATE's WHERE and a concurrent save makes this one throw
    /// <c>DbUpdateConcurrencyException</c> instead of being overwritten.
    /// </summary>
    internal static class ConcurrencyTokenEdit
    {
        private const string AttributeNamespace = "System.ComponentModel.DataAnnotations";

        /// <summary>The edit in the property's document, or null when the property is not declared in source as a property of this solution.</summary>
        public static async Task<(DocumentId Document, TextChange[] Changes)?> ForAsync(Solution solution, IPropertySymbol property, CancellationToken cancellationToken)
        {
            var reference = property.DeclaringSyntaxReferences.FirstOrDefault();
            var document = reference == null ? null : solution.GetDocument(reference.SyntaxTree);
            if (document == null || !(await reference!.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is PropertyDeclarationSyntax declaration))
            {
                return null;
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var lineBreak = FileLayout.LineBreakOf(text);
            var indentation = Indentation(text, declaration.SpanStart);
            var imports = UsingPlacement.IsWritten(declaration, AttributeNamespace)
                ? new List<TextChange>()
                : UsingPlacement.Insertions(declaration, new[] { AttributeNamespace }, text);
            var attribute = imports != null ? "ConcurrencyCheck" : AttributeNamespace + ".ConcurrencyCheck";

            var changes = new List<TextChange>
            {
                new TextChange(new TextSpan(declaration.SpanStart, 0), "[" + attribute + "]" + lineBreak + indentation),
            };
            changes.AddRange(imports ?? new List<TextChange>());

            return (document.Id, changes.ToArray());
        }

        private static string Indentation(SourceText text, int position)
        {
            var line = text.Lines.GetLineFromPosition(position);
            return text.ToString(TextSpan.FromBounds(line.Start, position));
        }
    }
}
