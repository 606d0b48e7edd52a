using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>
    /// A finding still reported after Fix All. <see cref="Key"/> names it by file, member and rule, which the
    /// fixes of other findings do not move (line numbers do).
    /// </summary>
    internal sealed record Leftover(string Rule, string File, int Line, string Member, bool FixOffered, string Message)
    {
        public string Key => $"{File} {Member} {Rule}";

        public override string ToString() => $"{File}:{Line}:{Rule} in {Member}{(FixOffered ? " (a fix is offered but Fix All left it)" : " (no fix offered)")}: {Message}";

        public static async Task<Leftover> OfAsync(Document document, Diagnostic diagnostic, bool fixOffered)
        {
            var root = (await document.GetSyntaxRootAsync())!;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            return new Leftover(diagnostic.Id, document.FilePath!, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1,
                MemberOf(node), fixOffered, diagnostic.GetMessage());
        }

        /// <summary>Type.Member of the declaration the finding is in (the outermost member, so lambdas and local functions name their method).</summary>
        private static string MemberOf(SyntaxNode node)
        {
            var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>()
                .LastOrDefault(m => !(m is BaseTypeDeclarationSyntax) && !(m is BaseNamespaceDeclarationSyntax) && m.Parent is TypeDeclarationSyntax);
            var type = (member?.Parent ?? node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault()) as TypeDeclarationSyntax;
            var name = member switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                ConstructorDeclarationSyntax => ".ctor",
                PropertyDeclarationSyntax property => property.Identifier.Text,
                IndexerDeclarationSyntax => "this[]",
                EventDeclarationSyntax @event => @event.Identifier.Text,
                BaseFieldDeclarationSyntax field => field.Declaration.Variables.First().Identifier.Text,
                _ => "<top level>",
            };
            return type == null ? name : type.Identifier.Text + "." + name;
        }
    }
}
