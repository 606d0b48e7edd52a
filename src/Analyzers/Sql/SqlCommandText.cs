using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Sql
{
    /// <summary>The SQL text an ADO.NET command execution runs, rendered by <see cref="ConstantText"/>.</summary>
    internal static class SqlCommandText
    {
        /// <summary>
        /// For <c>command.ExecuteX()</c>: the text given to the command's constructor or assigned to its
        /// <c>CommandText</c> in the same method (the last assignment in source order wins), or a hole.
        /// </summary>
        public static string OfCommandExecution(IInvocationOperation execution)
        {
            var operand = TextOperandOf(execution);
            return operand == null ? ConstantText.Hole : ConstantText.Render(operand);
        }

        /// <summary>The operand that gives the executed command its text (constructor argument or last CommandText assignment), or null.</summary>
        public static IOperation? TextOperandOf(IInvocationOperation execution)
        {
            var receiver = execution.Instance;
            while (receiver is IConversionOperation conversion)
            {
                receiver = conversion.Operand;
            }

            switch (receiver)
            {
                case IObjectCreationOperation creation:
                    return TextOfCreation(creation);
                case ILocalReferenceOperation local:
                    return TextAssignedTo(local, execution);
                default:
                    return null;
            }
        }

        private static IOperation? TextOfCreation(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Parameter.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static IOperation? TextAssignedTo(ILocalReferenceOperation command, IOperation execution)
        {
            IOperation root = execution;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            IOperation? text = null;
            var textPosition = -1;
            foreach (var operation in BodyOperations.Of(root).AndSelf)
            {
                if (operation.Syntax.SpanStart > execution.Syntax.SpanStart || operation.Syntax.SpanStart < textPosition)
                {
                    continue;
                }

                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, command.Local)
                                                                      && Unwrap(declarator.Initializer?.Value) is IObjectCreationOperation creation:
                        text = TextOfCreation(creation);
                        textPosition = operation.Syntax.SpanStart;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                        when AdoNetShapes.IsCommandText(property.Property) && property.Instance is ILocalReferenceOperation owner && SymbolEqualityComparer.Default.Equals(owner.Local, command.Local):
                        text = assignment.Value;
                        textPosition = operation.Syntax.SpanStart;
                        break;
                }
            }

            return text;
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
