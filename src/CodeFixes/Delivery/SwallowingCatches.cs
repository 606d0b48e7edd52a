using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.Delivery
{
    /// <summary>
    /// The catches of the try around a failed write that swallow the failure: they neither rethrow nor settle the
    /// message (nack, reject, abandon, dead-letter, defer, seek — asked of <see cref="BrokerShapes.Settles"/> on
    /// the bound methods). These are the catches RACE007's fix adds the failure path to.
    /// </summary>
    internal static class SwallowingCatches
    {
        public static IReadOnlyList<CatchClauseSyntax> Around(SyntaxNode persistCall, SemanticModel model, CancellationToken cancellationToken)
        {
            var tryStatement = persistCall.Ancestors().OfType<TryStatementSyntax>().FirstOrDefault(t => t.Block.Span.Contains(persistCall.Span));
            return tryStatement == null
                ? new CatchClauseSyntax[0]
                : tryStatement.Catches.Where(handler => !Settles(handler, model, cancellationToken)).ToList();
        }

        private static bool Settles(CatchClauseSyntax handler, SemanticModel model, CancellationToken cancellationToken)
            => handler.Block.DescendantNodes().Any(n => n is ThrowStatementSyntax || n is ThrowExpressionSyntax
                || (n is InvocationExpressionSyntax call && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && BrokerShapes.Settles(method)));
    }
}
