using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Sql
{
    /// <summary>
    /// The text a string expression will have, with the parts only known at run time shown as a hole: literals,
    /// verbatim and raw strings, constants, concatenations, interpolations, and locals assigned once.
    /// <c>"chat:stream:" + sessionId</c> renders as <c>chat:stream:…</c>.
    /// </summary>
    internal static class ConstantText
    {
        public const string Hole = "…";
        private const int MaxDepth = 8;

        public static string Render(IOperation? operation) => Render(operation, 0);

        private static string Render(IOperation? operation, int depth)
        {
            if (operation == null || depth > MaxDepth)
            {
                return Hole;
            }

            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value as string ?? operation.ConstantValue.Value?.ToString() ?? string.Empty;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Render(conversion.Operand, depth + 1);
                case IParenthesizedOperation parenthesized:
                    return Render(parenthesized.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                    return Render(add.LeftOperand, depth + 1) + Render(add.RightOperand, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        builder.Append(part switch
                        {
                            IInterpolatedStringTextOperation text => Render(text.Text, depth + 1),
                            IInterpolationOperation hole => Render(hole.Expression, depth + 1),
                            _ => Hole,
                        });
                    }

                    return builder.ToString();
                case ILocalReferenceOperation local:
                    return Render(OperationValues.SingleAssignedValue(local), depth + 1);
                case IInvocationOperation { Arguments.Length: 1 } wrapper when IsStringWrapper(wrapper.TargetMethod.ReturnType, wrapper.Arguments[0].Value):
                    // RedisChannel.Literal("…"), RedisKey conversions and the like: the text is the argument's.
                    return Render(wrapper.Arguments[0].Value, depth + 1);
                case IObjectCreationOperation { Arguments.Length: 1 } creation when IsStringWrapper(creation.Type, creation.Arguments[0].Value):
                    return Render(creation.Arguments[0].Value, depth + 1);
                default:
                    return Hole;
            }
        }

        private static bool IsStringWrapper(ITypeSymbol? result, IOperation argument)
            => result != null && result.SpecialType != SpecialType.System_String && argument.Type?.SpecialType == SpecialType.System_String;
    }
}
