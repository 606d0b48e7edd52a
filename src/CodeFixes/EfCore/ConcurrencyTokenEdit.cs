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

            var root = (CompilationUnitSyntax)await reference.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var lineBreak = FileLayout.LineBreakOf(text);
            var indentation = Indentation(text, declaration.SpanStart);
            var imported = root.Usings.Any(u => u.Alias == null && u.Name.ToString() == AttributeNamespace)
                           || declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Usings.Any(u => u.Alias == null && u.Name.ToString() == AttributeNamespace));
            var canImport = root.Usings.Count > 0;
            var attribute = imported || canImport ? "ConcurrencyCheck" : AttributeNamespace + ".ConcurrencyCheck";

            var changes = new System.Collections.Generic.List<TextChange>
            {
                new TextChange(new TextSpan(declaration.SpanStart, 0), "[" + attribute + "]" + lineBreak + indentation),
            };
            if (!imported && canImport)
            {
                changes.Add(new TextChange(new TextSpan(root.Usings.Last().FullSpan.End, 0), "using " + AttributeNamespace + ";" + lineBreak));
            }

            return (document.Id, changes.ToArray());
        }

        private static string Indentation(SourceText text, int position)
        {
            var line = text.Lines.GetLineFromPosition(position);
            return text.ToString(TextSpan.FromBounds(line.Start, position));
        }
    }
}
