using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// The ADO.NET command a SELECT runs, when it was made and set up only to run it
    /// (<c>var read = new NpgsqlCommand(sql, db); read.Parameters.AddWithValue(…);</c>): when the atomic rewrite
    /// removes the read, its declaration and setup go too, unless something else uses the command.
    /// </summary>
    internal sealed class ReadCommand
    {
        public ReadCommand(LocalDeclarationStatementSyntax declaration, IReadOnlyList<StatementSyntax> setup)
        {
            Declaration = declaration;
            Setup = setup;
        }

        public LocalDeclarationStatementSyntax Declaration { get; }

        /// <summary>The statements that bind its parameters or set its text, type or transaction.</summary>
        public IReadOnlyList<StatementSyntax> Setup { get; }

        /// <summary>The command's local name.</summary>
        public string Name => Declaration.Declaration.Variables[0].Identifier.ValueText;

        /// <summary>Null when the SELECT does not run on a local command of its own, made where it is declared and only set up after.</summary>
        public static ReadCommand? Of(SqlExecution read, SemanticModel model, ApiCatalog catalog)
        {
            if (!(OperationValues.SkipConversions(read.Call.Instance) is ILocalReferenceOperation { Local: var command })
                || command.DeclaringSyntaxReferences.Length != 1
                || !(command.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration })
                || !catalog.CreatesCommand(OperationValues.SkipConversions(model.GetOperation(initializer.Value))))
            {
                return null;
            }

            // The reading statement itself goes first; what else names the command must only set it up.
            var reading = StatementFacts.StatementOf(read.Call.Syntax);
            var setup = block.Statements.Where(s => s != declaration && s != reading && StatementFacts.IdentifiersIn(s).Contains(command.Name)).ToList();
            return setup.All(s => SetsUp(model.GetOperation(s), command)) ? new ReadCommand(declaration, setup) : null;
        }

        /// <summary><c>cmd.Parameters.AddWithValue(…);</c> or <c>cmd.CommandText = …;</c>, nothing else (no await).</summary>
        private static bool SetsUp(IOperation? statement, ILocalSymbol command)
        {
            switch ((statement as IExpressionStatementOperation)?.Operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    return AdoNetShapes.IsCommandSetting(property.Property) && IsCommand(property.Instance, command) && !Awaits(assignment.Value);
                case IInvocationOperation call:
                    return OperationValues.SkipConversions(call.Instance) is IPropertyReferenceOperation parameters && AdoNetShapes.IsParameterCollection(parameters.Property)
                           && IsCommand(parameters.Instance, command) && !call.Arguments.Any(argument => Awaits(argument.Value));
                default:
                    return false;
            }
        }

        private static bool IsCommand(IOperation? instance, ILocalSymbol command)
            => OperationValues.SkipConversions(instance) is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, command);

        private static bool Awaits(IOperation value) => value.DescendantsAndSelf().Any(operation => operation is IAwaitOperation);

        /// <summary>The same command as its statements stand in a later version of the tree.</summary>
        public ReadCommand? At(SyntaxNode? declaration, IEnumerable<SyntaxNode?> setup)
            => declaration is LocalDeclarationStatementSyntax current ? new ReadCommand(current, setup.OfType<StatementSyntax>().ToList()) : null;
    }
}
