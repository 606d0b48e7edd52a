using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// The local declarations between two statements that may move up with the later one (the subscription of
    /// RACE003, the claim of RACE005):
    /// no await, assignment, lambda or increment, and every call one that only hands out a handle or builds a value
    /// (<see cref="EffectFreeCalls"/>, asked of the bound methods when the fix is planned). A <c>using</c> only for an
    /// ADO.NET command made on the client (<c>new NpgsqlCommand("LISTEN …", conn)</c>, <c>conn.CreateCommand()</c>): it
    /// stays in the same block, so it is still disposed when the block ends.
    /// </summary>
    internal static class EffectFreeDeclarations
    {
        public static IReadOnlyList<LocalDeclarationStatementSyntax> Between(SyntaxNode readCall, SyntaxNode subscribeCall, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
        {
            var read = StatementFacts.StatementRunning(readCall);
            var subscribe = StatementFacts.StatementOf(subscribeCall);
            if (read == null || subscribe == null || !(read.Parent is BlockSyntax block) || subscribe.Parent != block)
            {
                return new LocalDeclarationStatementSyntax[0];
            }

            var statements = block.Statements;
            var from = statements.IndexOf(read) + 1;
            var to = statements.IndexOf(subscribe);
            return Among(statements.Skip(from).Take(to - from), model, catalog, cancellationToken);
        }

        public static IReadOnlyList<LocalDeclarationStatementSyntax> Among(IEnumerable<StatementSyntax> statements, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
            => statements.OfType<LocalDeclarationStatementSyntax>().Where(d => IsFreeOfEffects(d, model, catalog, cancellationToken)).ToList();

        /// <summary>The declarations among <paramref name="between"/> that <paramref name="moving"/> needs, directly or through each other, if all are free of effects.</summary>
        public static List<StatementSyntax> Carried(StatementSyntax moving, IReadOnlyList<StatementSyntax> between, IReadOnlyCollection<StatementSyntax> effectFree)
            => Carried(new[] { moving }, between, effectFree);

        /// <summary>The declarations among <paramref name="between"/> that any of <paramref name="moving"/> needs, directly or through each other, if all are free of effects.</summary>
        public static List<StatementSyntax> Carried(IReadOnlyCollection<StatementSyntax> moving, IReadOnlyList<StatementSyntax> between, IReadOnlyCollection<StatementSyntax> effectFree)
        {
            var needed = new HashSet<string>(moving.SelectMany(StatementFacts.IdentifiersIn));
            var carried = new HashSet<StatementSyntax>();
            for (var i = between.Count - 1; i >= 0; i--)
            {
                if (between[i] is LocalDeclarationStatementSyntax declaration && declaration.Declaration.Variables.Any(v => needed.Contains(v.Identifier.ValueText))
                    && effectFree.Contains(declaration))
                {
                    carried.Add(declaration);
                    needed.UnionWith(StatementFacts.IdentifiersIn(declaration.Declaration));
                }
            }

            return between.Where(carried.Contains).ToList();
        }

        private static bool IsFreeOfEffects(LocalDeclarationStatementSyntax declaration, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
            => (declaration.UsingKeyword.IsKind(SyntaxKind.None) || MakesACommand(declaration, model, catalog, cancellationToken))
               && !declaration.DescendantNodes().Any(n => n is AwaitExpressionSyntax || n is AssignmentExpressionSyntax || n is AnonymousFunctionExpressionSyntax
                   || n.IsKind(SyntaxKind.PostIncrementExpression) || n.IsKind(SyntaxKind.PreIncrementExpression)
                   || (n is InvocationExpressionSyntax call && !(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && EffectFreeCalls.Contains(method))
                       && !catalog.CreatesCommand(model.GetOperation(call, cancellationToken))));

        private static bool MakesACommand(LocalDeclarationStatementSyntax declaration, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
            => declaration.Declaration.Variables.Count == 1 && declaration.Declaration.Variables[0].Initializer is { } initializer
               && catalog.CreatesCommand(model.GetOperation(initializer.Value, cancellationToken));
    }
}
