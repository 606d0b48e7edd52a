using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.CodeFixes.Sql;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.Streams
{
    /// <summary>
    /// The handlers a PostgreSQL LISTEN moved above a read takes with it. Npgsql raises the event a LISTEN delivers
    /// through (<see cref="ApiCatalog.DeliversListenNotifications"/>) while the connection reads, the history query
    /// included, and drops what no handler takes: a LISTEN moved above the read without its handler loses exactly what
    /// arrives during the read, the race the fix is for. Carried: each <c>conn.Notification += …;</c> on the LISTEN's
    /// own connection that is a statement of the block between the read and the LISTEN, or right after the LISTEN.
    /// Any other attachment or removal of that event from the read on (inside a statement, on another connection,
    /// later in the block) refuses the fix.
    /// </summary>
    internal static class ListenHandlers
    {
        private static readonly IReadOnlyList<ExpressionStatementSyntax> None = new ExpressionStatementSyntax[0];

        /// <summary>The handler statements to carry (none when no handler is attached from the read on); null when one is attached where it cannot move.</summary>
        public static IReadOnlyList<ExpressionStatementSyntax>? ToCarry(SyntaxNode subscribeCall, IInvocationOperation? listen, SyntaxNode readCall, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
        {
            var subscribe = StatementFacts.StatementOf(subscribeCall);
            var read = StatementFacts.StatementRunning(readCall);
            if (subscribe == null || read == null || !(subscribe.Parent is BlockSyntax block) || read.Parent != block)
            {
                return None;
            }

            var statements = block.Statements;
            var readIndex = statements.IndexOf(read);
            var subscribeIndex = statements.IndexOf(subscribe);
            var attachments = statements.Skip(readIndex)
                .SelectMany(s => s.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>())
                .Where(a => a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression))
                .Select(a => (Syntax: a, Event: NotificationEvent(a, model, catalog, cancellationToken)))
                .Where(a => a.Event != null)
                .ToList();
            if (attachments.Count == 0)
            {
                return None;
            }

            var listening = listen != null && ExecutionConnection.Of(listen, model, catalog) is { } runsOn ? OperationFacts.ReferencedSymbol(runsOn.Connection) : null;
            var carried = new List<ExpressionStatementSyntax>();
            foreach (var (syntax, notification) in attachments)
            {
                if (listening == null || !syntax.IsKind(SyntaxKind.AddAssignmentExpression) || !(syntax.Parent is ExpressionStatementSyntax statement) || statement.Parent != block
                    || !SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(notification!.Instance), listening)
                    || !CanTravelWith(statements, statements.IndexOf(statement), readIndex, subscribeIndex, model, catalog, cancellationToken))
                {
                    return null;
                }

                carried.Add(statement);
            }

            return carried;
        }

        /// <summary>Between the read and the LISTEN, or in the run of handler attachments right after the LISTEN.</summary>
        private static bool CanTravelWith(SyntaxList<StatementSyntax> statements, int index, int readIndex, int subscribeIndex, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
        {
            if (index > readIndex && index < subscribeIndex)
            {
                return true;
            }

            for (var i = subscribeIndex + 1; i <= index; i++)
            {
                if (!(statements[i] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && assignment.IsKind(SyntaxKind.AddAssignmentExpression)
                      && NotificationEvent(assignment, model, catalog, cancellationToken) != null))
                {
                    return false;
                }
            }

            return index > subscribeIndex;
        }

        /// <summary>The event reference when <paramref name="assignment"/> attaches or removes a handler of the event a LISTEN delivers through.</summary>
        private static IEventReferenceOperation? NotificationEvent(AssignmentExpressionSyntax assignment, SemanticModel model, ApiCatalog catalog, CancellationToken cancellationToken)
            => model.GetOperation(assignment, cancellationToken) is IEventAssignmentOperation { EventReference: IEventReferenceOperation reference } && catalog.DeliversListenNotifications(reference.Event)
                ? reference
                : null;
    }
}
