using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE005's claim where the check's result is more than a test of existence: the id it read is returned, or a
    /// <c>switch</c> on the count picks the branch. The claim runs first and the check reads back only when
    /// nothing was inserted (<c>var existing = claimed == 0 ? &lt;check&gt; : default;</c>), so the code after it sees
    /// the row that won, or what the check gives when no row matches (its <c>default</c>): the path that inserted.
    /// Offered only when that is exact:
    /// <list type="bullet">
    /// <item>both are Dapper calls, and the check is one that gives <c>default</c> when no row matches;</item>
    /// <item>the insert is a statement of the check's block, or the first statement of the <c>case 0:</c> section
    /// of a <c>switch</c> on the check's result (with a <c>default:</c> section for the rest);</item>
    /// <item>what stands between them either makes the insert's values without effects (it moves up with the
    /// insert), leaves only when the result says the row is there, or does nothing but compute;</item>
    /// <item>no other SQL runs after the check in that block: the claim would have to commit with it, and this
    /// form does not open a transaction.</item>
    /// </list>
    /// </summary>
    internal static class ClaimReadBackPlan
    {
        public static ClaimReadBackEdit? For(SqlFinding finding)
        {
            var (insert, check) = (finding.Write, finding.Read);
            if (!AdoNetShapes.IsDapperExtension(insert.Call.TargetMethod) || !AdoNetShapes.IsDapperReadDefaultWhenNoRow(check.Call.TargetMethod)
                || !(ClaimInsertPlan.KeyOf(finding) is { } key) || !(RewritableSql.Of(insert.SqlOperand) is { } literal)
                || !(StatementFacts.StatementOf(check.Call.Syntax) is LocalDeclarationStatementSyntax { Parent: BlockSyntax block, Declaration.Variables.Count: 1 } checkStatement)
                || !IsRunBy(checkStatement.Declaration.Variables[0].Initializer?.Value, check.Call.Syntax)
                || !(StatementFacts.StatementOf(insert.Call.Syntax) is ExpressionStatementSyntax insertStatement) || !IsRunBy(insertStatement.Expression, insert.Call.Syntax)
                || !insertStatement.Span.Contains(literal.Span))
            {
                return null;
            }

            var result = checkStatement.Declaration.Variables[0].Identifier.ValueText;
            var place = PlaceOf(insertStatement, block, result);
            var (checkIndex, placeIndex) = (block.Statements.IndexOf(checkStatement), place == null ? -1 : block.Statements.IndexOf(place));
            if (placeIndex <= checkIndex || OtherSqlAfter(finding, checkStatement, block))
            {
                return null;
            }

            var between = block.Statements.Skip(checkIndex + 1).Take(placeIndex - checkIndex - 1).ToList();
            var model = finding.Document;
            var carried = EffectFreeDeclarations.Carried(insertStatement, between, EffectFreeDeclarations.Among(between, model.Model, model.Catalog, model.CancellationToken));
            var stays = between.Where(s => !carried.Contains(s)).Prepend(checkStatement).ToList();
            if (stays.Skip(1).Any(s => !MayRunAfterTheClaim(s, result)) || !StatementFacts.CanMoveAcross(insertStatement, stays)
                || carried.Any(c => !StatementFacts.CanMoveAcross(c, stays.Where(s => s.SpanStart < c.SpanStart).ToList())))
            {
                return null;
            }

            return new ClaimReadBackEdit(key, insert.Call.Syntax, check.Call.Syntax, literal, carried);
        }

        /// <summary><paramref name="expression"/> is the call, or the call awaited.</summary>
        private static bool IsRunBy(ExpressionSyntax? expression, Microsoft.CodeAnalysis.SyntaxNode call)
            => expression == call || (expression is AwaitExpressionSyntax awaited && awaited.Expression == call);

        /// <summary>The statement of the check's block the insert stands in: itself, or the switch on the result whose <c>case 0:</c> it opens.</summary>
        private static StatementSyntax? PlaceOf(ExpressionStatementSyntax insert, BlockSyntax block, string result)
        {
            if (insert.Parent == block)
            {
                return insert;
            }

            return insert.Parent is SwitchSectionSyntax { Labels.Count: 1 } section && section.Labels[0] is CaseSwitchLabelSyntax { Value: LiteralExpressionSyntax { Token.Value: 0 } }
                && section.Statements.FirstOrDefault() == insert && section.Parent is SwitchStatementSyntax { Expression: IdentifierNameSyntax governing } choice
                && governing.Identifier.ValueText == result && choice.Parent == block
                && choice.Sections.Count == 2 && choice.Sections.Any(s => s.Labels.Count == 1 && s.Labels[0] is DefaultSwitchLabelSyntax)
                ? choice
                : null;
        }

        private static bool OtherSqlAfter(SqlFinding finding, StatementSyntax check, BlockSyntax block)
            => finding.Work.EveryExecution.Any(e => e.Call.Syntax != finding.Write.Call.Syntax && e.Call.Syntax != finding.Read.Call.Syntax
                                                    && e.Call.Syntax.SpanStart > check.Span.End && e.Call.Syntax.Span.End <= block.Span.End);

        /// <summary>
        /// A statement between the check and the insert that may run after the claim: one that leaves only when the
        /// result says the row is there (an <c>if</c> without <c>else</c> on that test), or one that only computes.
        /// </summary>
        private static bool MayRunAfterTheClaim(StatementSyntax statement, string result)
        {
            if (statement is IfStatementSyntax { Else: null } leaving && Unparenthesized(leaving.Condition) is var condition
                && condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == result).ToList() is { Count: 1 } uses
                && ClaimResultTests.TestAround(uses[0]) is { Test: { } test, MeansProcessed: true } && (test == condition || test == uses[0] && condition == uses[0]))
            {
                return true;
            }

            return !statement.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is AwaitExpressionSyntax || n is ReturnStatementSyntax
                || n is ThrowStatementSyntax || n is ThrowExpressionSyntax || n is BreakStatementSyntax || n is ContinueStatementSyntax
                || n is GotoStatementSyntax || n is YieldStatementSyntax || n is ObjectCreationExpressionSyntax);
        }

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
            => expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;
    }
}
