using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// The connection a SQL execution runs on: <c>db</c> in Dapper's <c>db.ExecuteAsync(…)</c>, or the connection an
    /// ADO.NET command was made on (<c>new NpgsqlCommand(sql, conn)</c>, <c>conn.CreateCommand()</c>), with that
    /// command's local declaration. What a fix that opens a transaction needs to enlist the execution.
    /// </summary>
    internal sealed class ExecutionConnection
    {
        private ExecutionConnection(IOperation connection, LocalDeclarationStatementSyntax? command, ILocalSymbol? commandLocal)
        {
            Connection = connection;
            Command = command;
            CommandLocal = commandLocal;
        }

        public IOperation Connection { get; }

        /// <summary>The ADO.NET command's declaration (<c>await using var cmd = new NpgsqlCommand(…)</c>); null for Dapper.</summary>
        public LocalDeclarationStatementSyntax? Command { get; }

        public ILocalSymbol? CommandLocal { get; }

        /// <summary>Null when the connection cannot be told, or the command is not a local made where it is declared.</summary>
        public static ExecutionConnection? Of(SqlExecution execution, SemanticModel model, ApiCatalog catalog) => Of(execution.Call, model, catalog);

        /// <inheritdoc cref="Of(SqlExecution, SemanticModel, ApiCatalog)"/>
        public static ExecutionConnection? Of(IInvocationOperation call, SemanticModel model, ApiCatalog catalog)
        {
            if (AdoNetShapes.IsDapperExtension(call.TargetMethod))
            {
                return call.Arguments.Length > 0 && OperationValues.SkipConversions(call.Arguments[0].Value) is { } connection
                    ? new ExecutionConnection(connection, null, null)
                    : null;
            }

            if (!(OperationValues.SkipConversions(call.Instance) is ILocalReferenceOperation { Local: var command })
                || command.DeclaringSyntaxReferences.Length != 1
                || !(command.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax } declaration }))
            {
                return null;
            }

            var creation = OperationValues.SkipConversions(model.GetOperation(initializer.Value));
            if (!catalog.CreatesCommand(creation))
            {
                return null;
            }

            var madeOn = creation switch
            {
                IInvocationOperation factory => OperationValues.SkipConversions(factory.Instance),
                IObjectCreationOperation constructed => ConnectionArgument(constructed),
                _ => null,
            };
            return madeOn == null ? null : new ExecutionConnection(madeOn, declaration, command);
        }

        private static IOperation? ConnectionArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && AdoNetShapes.IsConnection(argument.Parameter?.Type))
                {
                    return OperationValues.SkipConversions(argument.Value);
                }
            }

            return null;
        }
    }
}
