using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Calls that change how a task is awaited but not what it does: <c>ConfigureAwait(…)</c>, <c>AsTask()</c>,
    /// <c>Preserve()</c>, <c>Task.WaitAsync(timeout/ct)</c>, and for async streams and disposables
    /// <c>ConfigureAwait(…)</c> and <c>WithCancellation(…)</c>. The engine looks through them once, so every rule
    /// sees <c>await _gate.WaitAsync(ct).ConfigureAwait(false)</c> as the wait it is.
    /// </summary>
    internal static class AwaitableWrappers
    {
        /// <summary>True when <paramref name="call"/> wraps the task (or stream, or disposable) it is called on.</summary>
        public static bool IsWrapper(IInvocationOperation call)
        {
            // By identity, not through a compilation: operations of a control-flow graph carry no semantic model.
            var method = call.TargetMethod;
            var declaring = method.ContainingType;
            switch (method.Name)
            {
                case "ConfigureAwait":
                    return WellKnownTypes.IsTaskType(declaring, withResult: false) || WellKnownTypes.IsTaskType(declaring, withResult: true)
                           || IsAsyncEnumerableExtensions(declaring);
                case "WithCancellation":
                    return IsAsyncEnumerableExtensions(declaring);
                case "AsTask":
                case "Preserve":
                    return declaring?.Name == "ValueTask" && (WellKnownTypes.IsTaskType(declaring, withResult: false) || WellKnownTypes.IsTaskType(declaring, withResult: true));
                case "WaitAsync":
                    // Task.WaitAsync(timeout/ct) bounds the wait; SemaphoreSlim.WaitAsync is a take, not a wrapper.
                    return declaring?.Name == "Task" && (WellKnownTypes.IsTaskType(declaring, withResult: false) || WellKnownTypes.IsTaskType(declaring, withResult: true));
                default:
                    return false;
            }
        }

        private static bool IsAsyncEnumerableExtensions(INamedTypeSymbol? type)
            => type?.Name == "TaskAsyncEnumerableExtensions" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>
        /// The operation a wrapped value stands for: <c>x.WaitAsync(ct).ConfigureAwait(false)</c> gives
        /// <c>x.WaitAsync(ct)</c>; conversions and parentheses are skipped too. Anything else is returned as it is.
        /// </summary>
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                while (operation is IConversionOperation || operation is IParenthesizedOperation)
                {
                    operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
                }

                if (operation is IInvocationOperation call && IsWrapper(call))
                {
                    var wrapped = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    if (wrapped != null)
                    {
                        operation = wrapped;
                        continue;
                    }
                }

                return operation;
            }
        }

        /// <summary>What an await waits for, through the wrappers: the call or value under <c>await x.ConfigureAwait(false)</c>.</summary>
        public static IOperation? Awaited(IAwaitOperation awaitOperation) => Unwrap(awaitOperation.Operation);

        /// <summary>
        /// The outermost operation that still stands for <paramref name="operation"/>'s value: up through the
        /// wrappers around it, conversions, parentheses and an await of it.
        /// </summary>
        public static IOperation Outermost(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                var parent = current.Parent;
                if (parent is IConversionOperation || parent is IParenthesizedOperation || parent is IAwaitOperation
                    || (parent is IArgumentOperation argument && argument.Parent is IInvocationOperation extension && IsWrapper(extension) && ReferencesFirstArgument(extension, argument)))
                {
                    current = parent is IArgumentOperation ? parent.Parent! : parent;
                    continue;
                }

                if (parent is IInvocationOperation wrapper && ReferenceEquals(wrapper.Instance, current) && IsWrapper(wrapper))
                {
                    current = wrapper;
                    continue;
                }

                return current;
            }
        }

        private static bool ReferencesFirstArgument(IInvocationOperation extension, IArgumentOperation argument)
            => extension.TargetMethod.IsExtensionMethod && extension.Arguments.Length > 0 && ReferenceEquals(extension.Arguments[0], argument);
    }
}
