using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Formats what a fix built (nodes carrying <see cref="Formatter.Annotation"/>) with the file's own line
    /// break, so a CRLF file stays CRLF whatever the workspace's default is, then drops the annotation so the
    /// code action does not format those nodes a second time with the default.
    /// </summary>
    internal static class FileLayout
    {
        public static async Task<Document> FormatNewNodesAsync(Document original, SyntaxNode rewritten, CancellationToken cancellationToken)
        {
            var text = await original.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var document = original.WithSyntaxRoot(rewritten);
            var options = await document.GetOptionsAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CS0618 // The OptionSet overload is the one Roslyn 4.5, the oldest compiler the package supports, offers.
            var formatted = await Formatter.FormatAsync(
                document, Formatter.Annotation, options.WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, LineBreakOf(text)), cancellationToken).ConfigureAwait(false);
#pragma warning restore CS0618
            var root = await formatted.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root == null ? formatted : formatted.WithSyntaxRoot(root.ReplaceNodes(
                root.GetAnnotatedNodes(Formatter.Annotation), (_, node) => node.WithoutAnnotations(Formatter.Annotation)));
        }

        /// <summary>"\r\n" when the file's first line ends that way, else "\n".</summary>
        internal static string LineBreakOf(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End)
                {
                    return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
                }
            }

            return "\n";
        }
    }
}
