using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>What the code awaits, where the task library tells more than the type.</summary>
    internal static class TaskShapes
    {
        /// <summary><c>Task.CompletedTask</c>, <c>Task.FromResult(x)</c>: the await goes on at once, on the same thread.</summary>
        public static bool IsAlreadyCompleted(IOperation awaited) => awaited switch
        {
            IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } } => true,
            IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } fromResult } => WellKnownTypes.IsTaskType(fromResult.ContainingType, withResult: false),
            _ => false,
        };
    }
}
