using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// The document a fix is resolved against, as it stood when the diagnostics were reported: its syntax root, its
    /// semantic model, the compilation's <see cref="ApiCatalog"/> and the package options. Fixes plan their rewrite
    /// from these when asked, so the analyzers keep only the positions of what they found.
    /// </summary>
    internal sealed class FixDocument
    {
        private readonly Project _project;
        private RaceOptions? _options;

        private FixDocument(Project project, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            _project = project;
            Root = root;
            Model = model;
            CancellationToken = cancellationToken;
        }

        public SyntaxNode Root { get; }

        public SemanticModel Model { get; }

        public Compilation Compilation => Model.Compilation;

        public ApiCatalog Catalog => ApiCatalog.For(Compilation);

        /// <summary>The <c>race_analyzers.*</c> options of the project, read from its .editorconfig files as the analyzers read them.</summary>
        public RaceOptions Options => _options ??= new RaceOptions(_project.AnalyzerOptions.AnalyzerConfigOptionsProvider);

        public CancellationToken CancellationToken { get; }

        public static async Task<FixDocument?> LoadAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return root == null || model == null ? null : new FixDocument(document.Project, root, model, cancellationToken);
        }

        /// <summary>The innermost node covering <paramref name="span"/>; null when the span lies outside the tree.</summary>
        public SyntaxNode? NodeAt(TextSpan span)
            => span.End <= Root.FullSpan.End ? Root.FindNode(span, getInnermostNodeForTie: true) : null;

        /// <summary>The operation of the innermost node covering <paramref name="span"/> that has one.</summary>
        public IOperation? OperationAt(TextSpan span)
        {
            for (var node = NodeAt(span); node != null; node = node.Parent)
            {
                if (Model.GetOperation(node, CancellationToken) is { } operation)
                {
                    return operation;
                }
            }

            return null;
        }

        /// <summary>The body's root operation around <paramref name="operation"/>: the method, accessor or initializer body.</summary>
        public static IOperation RootOf(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root;
        }

        /// <summary>The call whose syntax covers exactly <paramref name="span"/> (a reported call, or an additional location).</summary>
        public IInvocationOperation? InvocationAt(TextSpan span)
        {
            for (var node = NodeAt(span); node != null && node.Span == span; node = node.Parent)
            {
                if (Model.GetOperation(node, CancellationToken) is IInvocationOperation call)
                {
                    return call;
                }
            }

            return null;
        }
    }
}
