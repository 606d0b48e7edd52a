using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// RACE008's default fix, for an entity loaded only to be checked and changed once: one
    /// <c>ExecuteUpdate(Async)</c> that does the change in SQL, with the check carried into its <c>Where</c>, and
    /// the check's own branch run when no row was updated.
    /// <code>
    /// var product = await _db.Products.FirstAsync(p =&gt; p.Sku == sku);     var updated = await _db.Products.Where(p =&gt; p.Sku == sku &amp;&amp; p.Stock &gt;= qty)
    /// if (product.Stock &lt; qty) { return false; }                   →          .ExecuteUpdateAsync(s =&gt; s.SetProperty(p =&gt; p.Stock, p =&gt; p.Stock - qty));
    /// product.Stock -= qty;                                                  if (updated == 0) { return false; }
    /// </code>
    /// Only for loads of one row (<c>Single…</c>, or <c>First…</c> by key): the update reaches every row its
    /// condition matches. A missing row then takes the check's branch too. Statements between the load and the check that do not
    /// use the entity keep their place, after the update. Null (no such fix) for any other shape: no check, the
    /// entity used for anything else, a first use of the entity that is not one leaving <c>if</c>.
    /// </summary>
    internal static class ExecuteUpdateEdit
    {
        public static TextChange[]? For(SemanticModel model, InvocationExpressionSyntax load, SyntaxNode write, SourceText text)
        {
            if (!EfCoreShapes.HasExecuteUpdate(model.Compilation)
                || !(load.Expression is MemberAccessExpressionSyntax access)
                || !(model.GetSymbolInfo(load).Symbol is IMethodSymbol loadMethod)
                || load.ArgumentList.Arguments.Count == 0
                || !(load.ArgumentList.Arguments[0].Expression is SimpleLambdaExpressionSyntax { Body: ExpressionSyntax predicate } lambda)
                || !LoadsOneRow(EfCoreShapes.RowsLoadedBy(loadMethod), lambda, model)
                || !(LoadStatement(load) is { } declaration)
                || !(declaration.Parent is BlockSyntax block))
            {
                return null;
            }

            var entity = declaration.Declaration.Variables[0].Identifier.ValueText;
            var statements = block.Statements;
            var at = statements.IndexOf(declaration);
            var guard = statements.Skip(at + 1).FirstOrDefault(s => Mentions(s, entity)) as IfStatementSyntax;
            if (guard == null || guard.Else != null || !Leaves(guard.Statement)
                || !(write.Parent is ExpressionStatementSyntax writeStatement) || !statements.Contains(writeStatement)
                || statements.IndexOf(writeStatement) <= statements.IndexOf(guard)
                || !(PropertyWritten(write, entity) is { } property))
            {
                return null;
            }

            // The entity must serve only the check and the change: no other use anywhere in its block.
            var others = statements.Where(s => s != declaration && s != guard && s != writeStatement);
            if (others.Any(s => Mentions(s, entity))
                || !OnlyReads(guard.Condition, entity, property)
                || !(NewValue(write, entity, property, lambda.Parameter.Identifier.ValueText) is { } newValue))
            {
                return null;
            }

            var parameter = lambda.Parameter.Identifier.ValueText;
            var method = block.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax || a is LocalFunctionStatementSyntax) ?? block;
            var updated = StatementFacts.FreeName(method, "updated");
            var setters = StatementFacts.FreeName(method, "s");
            var isAsync = MethodNames.HasAsyncSuffix(loadMethod.Name);
            var awaited = declaration.Declaration.Variables[0].Initializer!.Value is AwaitExpressionSyntax;
            if (isAsync != awaited)
            {
                return null;
            }

            var condition = Negated(Renamed(guard.Condition, entity, parameter));
            var where = parameter + " => " + Grouped(predicate) + " && " + condition;
            var trailing = load.ArgumentList.Arguments.Count > 1 ? ", " + load.ArgumentList.Arguments[1] : string.Empty;
            var update = "var " + updated + " = " + (awaited ? "await " : string.Empty) + access.Expression + ".Where(" + where + ")"
                         + "." + EfCoreShapes.ExecuteUpdateName(isAsync) + "(" + setters + " => " + setters + ".SetProperty("
                         + parameter + " => " + parameter + "." + property + ", " + parameter + " => " + newValue + ")" + trailing + ");";

            return new[]
            {
                new TextChange(declaration.Span, update),
                new TextChange(guard.Condition.Span, updated + " == 0"),
                new TextChange(WholeLines(text, writeStatement), string.Empty),
            };
        }

        /// <summary>
        /// <c>Single…</c> loads at most one row; <c>First…</c> only when its condition compares the key
        /// (<c>[Key]</c>, <c>Id</c> or <c>&lt;Entity&gt;Id</c>) for equality, else the update would reach every match.
        /// </summary>
        private static bool LoadsOneRow(RowsLoaded rows, SimpleLambdaExpressionSyntax lambda, SemanticModel model)
        {
            if (rows == RowsLoaded.AtMostOne)
            {
                return true;
            }

            if (rows != RowsLoaded.FirstOfMany || !(model.GetDeclaredSymbol(lambda.Parameter) is IParameterSymbol parameter))
            {
                return false;
            }

            var entity = parameter.Type;
            return Conjuncts((ExpressionSyntax)lambda.Body).Any(condition =>
                condition is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.EqualsExpression)
                && (IsKeyOf(binary.Left, parameter, entity, model) || IsKeyOf(binary.Right, parameter, entity, model)));
        }

        private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax condition)
        {
            if (condition is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalAndExpression))
            {
                return Conjuncts(binary.Left).Concat(Conjuncts(binary.Right));
            }

            return condition is ParenthesizedExpressionSyntax parenthesized ? Conjuncts(parenthesized.Expression) : new[] { condition };
        }

        private static bool IsKeyOf(ExpressionSyntax side, IParameterSymbol parameter, ITypeSymbol entity, SemanticModel model)
        {
            if (!(side is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } member) || owner.Identifier.ValueText != parameter.Name
                || !(model.GetSymbolInfo(member).Symbol is IPropertySymbol property))
            {
                return false;
            }

            return EfCoreShapes.IsPrimaryKey(property, entity);
        }

        private static LocalDeclarationStatementSyntax? LoadStatement(InvocationExpressionSyntax load)
        {
            var value = load.Parent is AwaitExpressionSyntax awaited ? (SyntaxNode)awaited : load;
            return value.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } }
                ? statement
                : null;
        }

        private static bool Leaves(StatementSyntax statement)
        {
            var last = statement is BlockSyntax block ? block.Statements.LastOrDefault() : statement;
            return last is ReturnStatementSyntax || last is ThrowStatementSyntax || last is ContinueStatementSyntax || last is BreakStatementSyntax;
        }

        /// <summary>The property of the entity the write sets (<c>product.Stock</c> in <c>product.Stock -= qty</c>).</summary>
        private static string? PropertyWritten(SyntaxNode write, string entity)
        {
            var target = write switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix => prefix.Operand,
                _ => null,
            };
            return target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: var name } && owner.Identifier.ValueText == entity
                ? name.Identifier.ValueText
                : null;
        }

        /// <summary>The value the write stores, said of the lambda's parameter: <c>p.Stock - qty</c>.</summary>
        private static string? NewValue(SyntaxNode write, string entity, string property, string parameter)
        {
            var current = parameter + "." + property;
            switch (write)
            {
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    return OnlyReads(assignment.Right, entity, property) ? Renamed(assignment.Right, entity, parameter) : null;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.IsKind(SyntaxKind.SubtractAssignmentExpression):
                    if (Mentions(assignment.Right, entity))
                    {
                        return null;
                    }

                    return current + (assignment.IsKind(SyntaxKind.AddAssignmentExpression) ? " + " : " - ") + Grouped(assignment.Right);
                case PostfixUnaryExpressionSyntax step:
                    return current + (step.IsKind(SyntaxKind.PostIncrementExpression) ? " + 1" : " - 1");
                case PrefixUnaryExpressionSyntax step:
                    return current + (step.IsKind(SyntaxKind.PreIncrementExpression) ? " + 1" : " - 1");
                default:
                    return null;
            }
        }

        /// <summary>True when every use of the entity in <paramref name="expression"/> reads <paramref name="property"/>.</summary>
        private static bool OnlyReads(ExpressionSyntax expression, string entity, string property)
            => expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == entity)
                .Select(WithSuppression)
                .All(owner => owner.Parent is MemberAccessExpressionSyntax member && member.Expression == owner && member.Name.Identifier.ValueText == property);

        /// <summary><c>product!</c> for <c>product</c> when the code suppresses its nullable warning there.</summary>
        private static ExpressionSyntax WithSuppression(IdentifierNameSyntax name)
            => name.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression) ? suppressed : name;

        private static bool Mentions(SyntaxNode node, string entity)
            => node.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == entity);

        /// <summary>The expression's text with the entity replaced by the lambda's parameter.</summary>
        private static string Renamed(ExpressionSyntax expression, string entity, string parameter)
        {
            var renamed = expression.ReplaceNodes(
                expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(name => name.Identifier.ValueText == entity).Select(WithSuppression),
                (owner, _) => SyntaxFactory.IdentifierName(parameter).WithTriviaFrom(owner));
            return renamed.ToString().Trim();
        }

        /// <summary>The opposite comparison (<c>&lt;</c> becomes <c>&gt;=</c>), else <c>!(…)</c>.</summary>
        private static string Negated(string condition)
        {
            var parsed = SyntaxFactory.ParseExpression(condition);
            if (parsed is BinaryExpressionSyntax binary)
            {
                var opposite = binary.Kind() switch
                {
                    SyntaxKind.LessThanExpression => ">=",
                    SyntaxKind.LessThanOrEqualExpression => ">",
                    SyntaxKind.GreaterThanExpression => "<=",
                    SyntaxKind.GreaterThanOrEqualExpression => "<",
                    SyntaxKind.EqualsExpression => "!=",
                    SyntaxKind.NotEqualsExpression => "==",
                    _ => null,
                };
                if (opposite != null)
                {
                    return binary.Left.ToString().Trim() + " " + opposite + " " + binary.Right.ToString().Trim();
                }
            }

            return "!(" + condition + ")";
        }

        private static string Grouped(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax || expression is LiteralExpressionSyntax || expression is MemberAccessExpressionSyntax
               || expression is InvocationExpressionSyntax || expression is ParenthesizedExpressionSyntax
               || (expression is BinaryExpressionSyntax binary && IsComparisonOrEquality(binary))
                ? expression.ToString().Trim()
                : "(" + expression.ToString().Trim() + ")";

        private static bool IsComparisonOrEquality(BinaryExpressionSyntax binary)
            => binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression
                or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;

        /// <summary>The statement with its own lines (indentation and line break), when nothing else shares them.</summary>
        private static TextSpan WholeLines(SourceText text, StatementSyntax statement)
        {
            var first = text.Lines.GetLineFromPosition(statement.SpanStart);
            var last = text.Lines.GetLineFromPosition(statement.Span.End);
            var before = text.ToString(TextSpan.FromBounds(first.Start, statement.SpanStart));
            var after = text.ToString(TextSpan.FromBounds(statement.Span.End, last.End));
            return string.IsNullOrWhiteSpace(before) && string.IsNullOrWhiteSpace(after)
                ? TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak)
                : statement.Span;
        }
    }
}
