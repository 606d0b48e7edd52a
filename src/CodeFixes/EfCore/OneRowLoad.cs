using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// A load that reads at most one row, said as the condition an <c>ExecuteUpdate</c> can select that row by:
    /// <c>Single…(p =&gt; …)</c>, <c>First…(p =&gt; …)</c> whose condition compares the key for equality, or
    /// <c>Find(Async)(id)</c> on a set (<c>p.Id == id</c>). An update reaches every row its condition matches, so
    /// nothing else qualifies.
    /// </summary>
    internal sealed class OneRowLoad
    {
        private OneRowLoad(ExpressionSyntax set, string parameter, ExpressionSyntax condition, string trailingArguments, bool isAsync, bool throwsWhenNoRow)
        {
            Set = set;
            Parameter = parameter;
            Condition = condition;
            TrailingArguments = trailingArguments;
            IsAsync = isAsync;
            ThrowsWhenNoRow = throwsWhenNoRow;
        }

        /// <summary>The set the load queries: <c>_db.Products</c>.</summary>
        public ExpressionSyntax Set { get; }

        /// <summary>The row's name in the lambdas: the load's own parameter, or a free name for <c>Find</c>.</summary>
        public string Parameter { get; }

        /// <summary>The row's condition, said of <see cref="Parameter"/>: <c>p.Sku == sku</c>, <c>p.Id == id</c>.</summary>
        public ExpressionSyntax Condition { get; }

        /// <summary>The load's arguments after its condition (a cancellation token), with their leading comma.</summary>
        public string TrailingArguments { get; }

        public bool IsAsync { get; }

        /// <summary><c>First</c>/<c>Single</c> without <c>OrDefault</c>: a missing row was an exception.</summary>
        public bool ThrowsWhenNoRow { get; }

        /// <summary>The expressions the load evaluates, which must hold the same values where the update runs.</summary>
        public IEnumerable<SyntaxNode> Inputs => new SyntaxNode[] { Condition };

        public static OneRowLoad? Of(InvocationExpressionSyntax load, SemanticModel model, SyntaxNode scope, CancellationToken cancellationToken)
        {
            if (!(load.Expression is MemberAccessExpressionSyntax access)
                || !(model.GetSymbolInfo(load, cancellationToken).Symbol is IMethodSymbol method)
                || !(EfCoreShapes.For(model.Compilation) is { } ef))
            {
                return null;
            }

            var isAsync = MethodNames.HasAsyncSuffix(method.Name);
            if (EfCoreShapes.IsFind(method.Name))
            {
                return ByKey(load, access.Expression, ef.EntityOfSet(model.GetTypeInfo(access.Expression, cancellationToken).Type), model, scope, isAsync, cancellationToken);
            }

            if (load.ArgumentList.Arguments.Count == 0
                || !(load.ArgumentList.Arguments[0].Expression is SimpleLambdaExpressionSyntax { Body: ExpressionSyntax predicate } lambda)
                || !LoadsOneRow(EfCoreShapes.RowsLoadedBy(method), lambda, model, cancellationToken))
            {
                return null;
            }

            var trailing = string.Concat(load.ArgumentList.Arguments.Skip(1).Select(argument => ", " + argument));
            return new OneRowLoad(access.Expression, lambda.Parameter.Identifier.ValueText, predicate, trailing, isAsync, EfCoreShapes.ThrowsWhenNoRow(method));
        }

        /// <summary><c>Find(id)</c> with one key value of the key's own type, on an entity whose one-column key attributes or names show.</summary>
        private static OneRowLoad? ByKey(InvocationExpressionSyntax load, ExpressionSyntax set, ITypeSymbol? entity, SemanticModel model, SyntaxNode scope, bool isAsync, CancellationToken cancellationToken)
        {
            if (entity == null || load.ArgumentList.Arguments.Count != 1
                || !(load.ArgumentList.Arguments[0].Expression is { } value && IsPlainValue(value))
                || !(EfCoreShapes.SingleKeyOf(entity) is { } key)
                || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(value, cancellationToken).Type, key.Type)
                || KeyConfiguredFluently(model.Compilation, entity, cancellationToken))
            {
                return null;
            }

            var parameter = StatementFacts.FreeName(scope, char.ToLowerInvariant(entity.Name[0]).ToString());
            var condition = SyntaxFactory.ParseExpression(parameter + "." + key.Name + " == " + value.ToString().Trim());
            return new OneRowLoad(set, parameter, condition, string.Empty, isAsync, throwsWhenNoRow: false);
        }

        /// <summary>A local, a parameter, a member or a literal: evaluating it again where the update runs gives the same key.</summary>
        private static bool IsPlainValue(ExpressionSyntax value)
            => value.DescendantNodesAndSelf().All(node => node is IdentifierNameSyntax || node is MemberAccessExpressionSyntax || node is LiteralExpressionSyntax);

        /// <summary>
        /// <c>Single…</c> loads at most one row; <c>First…</c> only when its condition compares the key for
        /// equality (a conjunct <c>p.Id == …</c>), else the update would reach every match.
        /// </summary>
        private static bool LoadsOneRow(RowsLoaded rows, SimpleLambdaExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
        {
            if (rows == RowsLoaded.AtMostOne)
            {
                return true;
            }

            if (rows != RowsLoaded.FirstOfMany || !(model.GetDeclaredSymbol(lambda.Parameter, cancellationToken) is IParameterSymbol parameter)
                || !(EfCoreShapes.SingleKeyOf(parameter.Type) is { } key) || KeyConfiguredFluently(model.Compilation, parameter.Type, cancellationToken))
            {
                return false;
            }

            return Conjuncts((ExpressionSyntax)lambda.Body).Any(condition =>
                condition is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.EqualsExpression)
                && (IsPropertyOf(binary.Left, parameter, key, model, cancellationToken) || IsPropertyOf(binary.Right, parameter, key, model, cancellationToken)));
        }

        private static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax condition)
        {
            if (condition is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalAndExpression))
            {
                return Conjuncts(binary.Left).Concat(Conjuncts(binary.Right));
            }

            return condition is ParenthesizedExpressionSyntax parenthesized ? Conjuncts(parenthesized.Expression) : new[] { condition };
        }

        private static bool IsPropertyOf(ExpressionSyntax side, IParameterSymbol parameter, IPropertySymbol key, SemanticModel model, CancellationToken cancellationToken)
            => side is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } member && owner.Identifier.ValueText == parameter.Name
               && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(member, cancellationToken).Symbol, key);

        /// <summary><c>HasKey</c> on the entity's builder anywhere in the compilation: its key is not the one attributes and names show.</summary>
        private static bool KeyConfiguredFluently(Compilation compilation, ITypeSymbol entity, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf("HasKey", System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                var model = compilation.GetSemanticModel(tree);
                foreach (var call in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HasKey" } hasKey
                        && EfCoreShapes.ConfiguresKey(model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol)
                        && SymbolEqualityComparer.Default.Equals(EfCoreShapes.EntityConfiguredBy(model.GetTypeInfo(hasKey.Expression, cancellationToken).Type), entity))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
