using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// Work a method starts and does not wait for: a call returning a task whose task is thrown away
    /// (<c>_ = HandleAsync(m)</c>, <c>Task.Run(work);</c>), stored in a field or property, or kept in a local that is
    /// neither awaited nor returned. The work goes on after the method returns, so whatever it was handed, or
    /// captured, is still in use then.
    /// </summary>
    internal static class StartedWork
    {
        /// <summary>Every call in <paramref name="methodRoot"/> (outside nested functions) whose task nobody awaits.</summary>
        public static IEnumerable<IInvocationOperation> NotAwaited(IOperation methodRoot)
        {
            foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
            {
                if (operation is IInvocationOperation call && !call.IsImplicit && IsTask(call.Type)
                    && OperationFacts.EnclosingFunction(call) == null && !IsAwaitedOrReturned(call, methodRoot))
                {
                    yield return call;
                }
            }
        }

        /// <summary>
        /// The delegate bodies a call hands over to run later: the lambda or anonymous method passed
        /// (<c>Task.Run(() => …)</c>), the local function passed as a method group (<c>Task.Run(Consume)</c>), or the
        /// local function called itself (<c>_ = Consume()</c>).
        /// </summary>
        public static IEnumerable<IOperation> DeferredBodies(IInvocationOperation call, IOperation methodRoot)
        {
            if (call.TargetMethod.MethodKind == MethodKind.LocalFunction && LocalFunctionBody(call.TargetMethod, methodRoot) is { } called)
            {
                yield return called;
            }

            foreach (var argument in call.Arguments)
            {
                switch (OperationValues.SkipConversions(argument.Value))
                {
                    case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                        yield return lambda.Body;
                        break;
                    case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } local } }
                        when LocalFunctionBody(local, methodRoot) is { } passed:
                        yield return passed;
                        break;
                }
            }
        }

        private static IOperation? LocalFunctionBody(IMethodSymbol localFunction, IOperation methodRoot)
        {
            foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
            {
                if (operation is ILocalFunctionOperation declared && SymbolEqualityComparer.Default.Equals(declared.Symbol, localFunction.OriginalDefinition))
                {
                    return declared.Body;
                }
            }

            return null;
        }

        private static bool IsAwaitedOrReturned(IInvocationOperation call, IOperation methodRoot)
        {
            IOperation current = call;
            while (current.Parent is IConversionOperation || current.Parent is IParenthesizedOperation || current.Parent is IAwaitOperation
                   || (current.Parent is IInvocationOperation wrapper && ReferenceEquals(wrapper.Instance, current) && AwaitableWrappers.IsWrapper(wrapper))
                   || (current.Parent is IArgumentOperation { Parent: IInvocationOperation extension } && AwaitableWrappers.IsWrapper(extension)))
            {
                if (current.Parent is IAwaitOperation)
                {
                    return true;
                }

                current = current.Parent is IArgumentOperation ? current.Parent.Parent! : current.Parent;
            }

            switch (current.Parent)
            {
                case IReturnOperation:
                    return true;
                case IExpressionStatementOperation:
                    return false;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return assignment.Target is ILocalReferenceOperation local ? IsAwaitedOrReturned(local.Local, methodRoot) : !IsDroppedOrStored(assignment.Target);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsAwaitedOrReturned(declarator.Symbol, methodRoot);
                default:
                    // An argument, a collection element, a condition: whoever receives the task decides.
                    return true;
            }
        }

        private static bool IsDroppedOrStored(IOperation target)
            => target is IDiscardOperation || target is IFieldReferenceOperation || target is IPropertyReferenceOperation;

        /// <summary>A local holding a task is waited for when some await, or a return, names it.</summary>
        private static bool IsAwaitedOrReturned(ILocalSymbol local, IOperation methodRoot)
        {
            foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
            {
                if ((operation is IAwaitOperation || operation is IReturnOperation) && OperationFacts.ReferencesAny(operation, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { local }))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTask(ITypeSymbol? type) => WellKnownTypes.IsTaskType(type, withResult: false) || WellKnownTypes.IsTaskType(type, withResult: true);
    }
}
