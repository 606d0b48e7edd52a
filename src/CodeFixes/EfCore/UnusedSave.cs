using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.EfCore
{
    /// <summary>
    /// Whether a save has nothing left to save once the change is an <c>ExecuteUpdate</c>: it is a statement of its
    /// own, on a context the function creates (<c>new</c>, <c>IDbContextFactory.CreateDbContext(Async)</c>) and
    /// uses for nothing but the load and this save. A context that came from elsewhere (a field, a parameter) may
    /// hold changes made before the call, so its save stays.
    /// </summary>
    internal static class UnusedSave
    {
        public static bool CanRemove(StatementSyntax statement, InvocationExpressionSyntax save, InvocationExpressionSyntax load, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(statement is ExpressionStatementSyntax { Expression: var expression }) || !ReferenceEquals(CallOf(expression, model, cancellationToken), save)
                || !(save.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver })
                || !(model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol context)
                || !(context.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var created } declarator)
                || !CreatesContext(created, model, cancellationToken))
            {
                return false;
            }

            var function = declarator.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax || a is LocalFunctionStatementSyntax || a is AnonymousFunctionExpressionSyntax);
            if (function == null)
            {
                return false;
            }

            var uses = function.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == context.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, context))
                .ToList();
            return uses.Count == 2 && uses.Contains(receiver) && uses.Any(use => load.Span.Contains(use.Span));
        }

        /// <summary>The call a statement makes, through <c>await</c> and awaitable wrappers (<c>ConfigureAwait(…)</c>).</summary>
        private static SyntaxNode? CallOf(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            var operation = model.GetOperation(expression, cancellationToken);
            return (operation is IAwaitOperation awaited ? AwaitableWrappers.Awaited(awaited) : AwaitableWrappers.Unwrap(operation))?.Syntax;
        }

        private static bool CreatesContext(ExpressionSyntax created, SemanticModel model, CancellationToken cancellationToken)
        {
            if (created is AwaitExpressionSyntax awaited)
            {
                created = awaited.Expression;
            }

            return created switch
            {
                BaseObjectCreationExpressionSyntax => EfCoreShapes.For(model.Compilation)?.IsDbContext(model.GetTypeInfo(created, cancellationToken).Type) == true,
                InvocationExpressionSyntax call => model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && EfCoreShapes.CreatesContext(method),
                _ => false,
            };
        }
    }
}
