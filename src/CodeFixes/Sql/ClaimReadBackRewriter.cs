using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// Writes a <see cref="ClaimReadBackEdit"/>: <c>var existing = &lt;check&gt;; … &lt;insert&gt;;</c> becomes
    /// <c>var claimed = &lt;insert … ON CONFLICT (key) DO NOTHING&gt;; var existing = claimed == 0 ? &lt;check&gt; : default; …</c>.
    /// The claim takes the check's place (the declarations it needs move up with it, keeping their comments), the
    /// check stays where it was, and the insert leaves its block or its <c>case 0:</c> section.
    /// </summary>
    internal static class ClaimReadBackRewriter
    {
        public static SyntaxNode? Claim(SyntaxNode root, ClaimReadBackEdit edit)
        {
            root = root.TrackNodes(new[] { edit.InsertCall, edit.CheckCall, edit.InsertSql }.Concat(edit.Carried));
            if (!(StatementFacts.StatementOf(root.GetCurrentNode(edit.CheckCall)) is LocalDeclarationStatementSyntax { Parent: BlockSyntax block } check)
                || !(check.Declaration.Variables[0].Initializer?.Value is { } read)
                || !(StatementFacts.StatementOf(root.GetCurrentNode(edit.InsertCall)) is ExpressionStatementSyntax insert)
                || !(root.GetCurrentNode(edit.InsertSql) is { } sql) || !insert.Span.Contains(sql.Span)
                || !(ClaimInsertRewriter.WithOnConflict(sql, edit.Key) is { } claimSql))
            {
                return null;
            }

            var claimed = StatementFacts.FreeName(block, "claimed");
            var claim = SyntaxFactory.ParseStatement($"var {claimed} = {insert.Expression.ReplaceNode(sql, claimSql).WithoutTrivia().ToFullString()};");
            var (_, insertComments) = LeadingTrivia.SplitAtFirstComment(insert.GetLeadingTrivia());
            claim = claim.WithLeadingTrivia(insertComments).WithTrailingTrivia(ClaimInsertRewriter.HasComment(insert.GetTrailingTrivia()) ? insert.GetTrailingTrivia() : check.GetTrailingTrivia());
            var readBack = SyntaxFactory.ParseExpression($"{claimed} == 0 ? {read.WithoutTrivia().ToFullString()} : default").WithTriviaFrom(read);

            // The check keeps its place; the claim and what it needs arrive before it.
            var (leaving, checkMark) = (new SyntaxAnnotation(), new SyntaxAnnotation());
            var carried = edit.Carried.Select(c => root.GetCurrentNode(c)!).ToList();
            var arriving = carried.Cast<StatementSyntax>().Append(claim).ToList();
            var newBlock = block.ReplaceNodes(carried.Append<SyntaxNode>(check).Append(insert.Parent is SwitchSectionSyntax section ? section : (SyntaxNode)insert), (original, _) =>
                original == check ? check.ReplaceNode(read, readBack).WithAdditionalAnnotations(checkMark)
                : original is SwitchSectionSyntax choice ? choice.WithStatements(choice.Statements.Remove(insert))
                : original.WithAdditionalAnnotations(leaving));
            var checkAt = newBlock.Statements.IndexOf(s => s.HasAnnotation(checkMark));
            var (first, checkInPlace) = LeadingTrivia.SwapPlaces(arriving[0], newBlock.Statements[checkAt]);
            var indentation = LeadingTrivia.LastLineIndentation(LeadingTrivia.SplitAtFirstComment(check.GetLeadingTrivia()).Spacing);
            arriving = arriving.Select((s, i) => i == 0 ? first : s.WithLeadingTrivia(indentation.AddRange(LeadingTrivia.SplitAtFirstComment(s.GetLeadingTrivia()).Comments))).ToList();
            var statements = newBlock.Statements.Take(checkAt).Concat(arriving).Append(checkInPlace).Concat(newBlock.Statements.Skip(checkAt + 1));
            root = root.ReplaceNode(block, newBlock.WithStatements(SyntaxFactory.List(statements)));

            // The moved declarations and a block-level insert leave their places, as StatementRemoval keeps the layout.
            for (var left = 0; left <= carried.Count && root.GetAnnotatedNodes(leaving).OfType<StatementSyntax>().FirstOrDefault() is { } statement; left++)
            {
                root = StatementRemoval.Remove(root, statement);
            }

            return root;
        }
    }
}
