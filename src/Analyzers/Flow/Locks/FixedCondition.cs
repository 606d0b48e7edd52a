using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// A condition fixed for the object's lifetime: it reads only constants and readonly fields
    /// (<c>if (_confirmationsEnabled)</c>, <c>_limiter is not null</c>). It says how the object is configured, not
    /// what happened on the way (whether a lock was taken), so a give-back under it is still made on every path.
    /// </summary>
    internal static class FixedCondition
    {
        public static bool Holds(IOperation condition)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (!IsFixed(operation))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsFixed(IOperation operation) => operation switch
        {
            IFieldReferenceOperation field => (field.Field.IsReadOnly || field.Field.IsConst) && (field.Instance == null || field.Instance is IInstanceReferenceOperation),
            IInstanceReferenceOperation _ => true,
            ILiteralOperation _ => true,
            IDefaultValueOperation _ => true,
            IConversionOperation _ => true,
            IUnaryOperation _ => true,
            IBinaryOperation _ => true,
            IIsPatternOperation _ => true,
            IConstantPatternOperation _ => true,
            INegatedPatternOperation _ => true,
            ITypePatternOperation _ => true,
            _ => operation.ConstantValue.HasValue,
        };
    }
}
