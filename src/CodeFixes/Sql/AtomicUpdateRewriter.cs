using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004's "Update atomically in SQL": <c>SET c = @updated</c> becomes <c>SET c = c + @delta</c> inside the
    /// string literal (same string kind and layout), and the parameter binding now passes the delta.
    /// </summary>
    internal static class AtomicUpdateRewriter
    {
        public static SyntaxNode? Rewrite(SyntaxNode root, ExpressionSyntax delta, LiteralExpressionSyntax sql, SyntaxNode binding, string column, string parameter, string op)
        {
            var deltaExpression = delta.WithoutTrivia();
            var name = ParameterNameFor(deltaExpression, binding);
            var newSql = RewriteSetClause(sql, column, parameter, op, name);
            var newBinding = RebindTo(binding, name, deltaExpression);
            if (newSql == null || newBinding == null)
            {
                return null;
            }

            return root.ReplaceNodes(new[] { sql, binding }, (original, _) => original == sql ? newSql : newBinding);
        }

        /// <summary>The delta's own name when it is a plain identifier not taken by another member, else "delta" (numbered if taken).</summary>
        private static string ParameterNameFor(ExpressionSyntax delta, SyntaxNode binding)
        {
            var taken = binding.Parent is AnonymousObjectCreationExpressionSyntax anonymous
                ? anonymous.Initializers.Where(i => i != binding).Select(MemberName).ToList()
                : new System.Collections.Generic.List<string>();
            var preferred = delta is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : "delta";
            var name = preferred;
            for (var i = 2; taken.Contains(name, System.StringComparer.OrdinalIgnoreCase); i++)
            {
                name = preferred + i;
            }

            return name;
        }

        private static LiteralExpressionSyntax? RewriteSetClause(LiteralExpressionSyntax sql, string column, string parameter, string op, string name)
        {
            var pattern = new Regex(
                @"(?<lhs>(?<name>[""\[`]?" + Regex.Escape(column) + @"[""\]`]?)\s*=\s*)(?<marker>[@:$])" + Regex.Escape(parameter) + @"(?![\w$])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var text = sql.Token.Text;
            if (pattern.Matches(text).Count != 1)
            {
                return null;
            }

            var rewritten = pattern.Replace(text, m => m.Groups["lhs"].Value + m.Groups["name"].Value + " " + op + " " + m.Groups["marker"].Value + name);
            if (!(SyntaxFactory.ParseExpression(rewritten) is LiteralExpressionSyntax literal) || literal.ContainsDiagnostics || !literal.Token.IsKind(sql.Token.Kind()))
            {
                return null;
            }

            return literal.WithTriviaFrom(sql);
        }

        private static SyntaxNode? RebindTo(SyntaxNode binding, string name, ExpressionSyntax delta)
        {
            switch (binding)
            {
                case AnonymousObjectMemberDeclaratorSyntax member:
                    var declarator = delta is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name
                        ? SyntaxFactory.AnonymousObjectMemberDeclarator(delta)
                        : SyntaxFactory.AnonymousObjectMemberDeclarator(SyntaxFactory.NameEquals(name), delta);
                    return declarator.WithTriviaFrom(member);

                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } add
                    when add.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax key && key.IsKind(SyntaxKind.StringLiteralExpression):
                    var marker = new string(key.Token.ValueText.TakeWhile(c => c == '@' || c == ':' || c == '$').ToArray());
                    var old = add.ArgumentList.Arguments;
                    var keyArgument = old[0].WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(marker + name)).WithTriviaFrom(key));
                    var valueArgument = old[1].WithExpression(delta.WithTriviaFrom(old[1].Expression));
                    return add.WithArgumentList(add.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(new[] { keyArgument, valueArgument }, old.GetSeparators())));

                default:
                    return null;
            }
        }

        private static string MemberName(AnonymousObjectMemberDeclaratorSyntax member)
            => member.NameEquals?.Name.Identifier.ValueText
               ?? (member.Expression is IdentifierNameSyntax id ? id.Identifier.ValueText
                   : member.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : string.Empty);
    }
}
