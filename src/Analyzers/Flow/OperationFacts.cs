using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow
{
    /// <summary>Small questions about single operations, shared by every rule.</summary>
    internal static class OperationFacts
    {
        /// <summary>Calls, indexers, allocations, awaits and throws: the operations an exception can come from.</summary>
        public static bool MayThrow(IOperation operation, Func<IInvocationOperation, bool>? ignoreCall = null)
            => FirstThrowing(operation, ignoreCall) != null;

        /// <summary>The first operation inside <paramref name="operation"/> an exception can come from, or null.</summary>
        public static IOperation? FirstThrowing(IOperation operation, Func<IInvocationOperation, bool>? ignoreCall = null)
        {
            switch (operation)
            {
                // An awaited call that is ignored (await cts.CancelAsync().ConfigureAwait(false)) is ignored with its
                // await and wrappers; only its arguments are looked at.
                case IAwaitOperation awaited when ignoreCall != null && AwaitableWrappers.Awaited(awaited) is IInvocationOperation call && ignoreCall(call):
                    return FirstThrowingIn(call.Arguments, ignoreCall);
                case IInvocationOperation call when ignoreCall != null && ignoreCall(call):
                    return (call.Instance == null ? null : FirstThrowing(call.Instance, ignoreCall)) ?? FirstThrowingIn(call.Arguments, ignoreCall);
                case IInvocationOperation:
                case IObjectCreationOperation:
                case IAwaitOperation:
                case IThrowOperation:
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                case IPropertyReferenceOperation { Arguments.IsEmpty: false }:
                    return operation;
            }

            return FirstThrowingIn(operation.ChildOperations, ignoreCall);
        }

        private static IOperation? FirstThrowingIn(IEnumerable<IOperation> operations, Func<IInvocationOperation, bool>? ignoreCall)
        {
            foreach (var child in operations)
            {
                if (FirstThrowing(child, ignoreCall) is { } thrower)
                {
                    return thrower;
                }
            }

            return null;
        }

        /// <summary>The innermost lambda or local function <paramref name="operation"/> runs in, or null in the method itself.</summary>
        public static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>The local, parameter or field an expression names, seen through conversions and parentheses.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            operation = OperationValues.SkipConversions(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Instance == null || field.Instance is IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty && (property.Instance == null || property.Instance is IInstanceReferenceOperation):
                    return property.Property;
                default:
                    return null;
            }
        }

        public static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        /// <summary>True when some operation inside <paramref name="operation"/> names one of <paramref name="symbols"/>.</summary>
        public static bool ReferencesAny(IOperation? operation, ISet<ISymbol> symbols)
        {
            if (operation == null)
            {
                return false;
            }

            foreach (var descendant in operation.DescendantsAndSelf())
            {
                var symbol = ReferencedSymbol(descendant);
                if (symbol != null && symbols.Contains(symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The symbol an acquire's result is stored in: <c>var x = pool.Get()</c>, <c>x = await pool.GetAsync().ConfigureAwait(false)</c>.</summary>
        public static ISymbol? AssignedSymbol(IOperation value)
        {
            var current = AwaitableWrappers.Outermost(value);
            switch (current.Parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return ReferencedSymbol(assignment.Target);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol;
                default:
                    return null;
            }
        }

        /// <summary>True when <paramref name="reference"/> is written (assigned, or passed as out), not read.</summary>
        public static bool IsWrite(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                ISimpleAssignmentOperation assignment => ReferenceEquals(assignment.Target, current),
                IDeconstructionAssignmentOperation deconstruction => !ReferenceEquals(deconstruction.Value, current),
                IArgumentOperation argument => argument.Parameter?.RefKind == RefKind.Out,
                // (a, b) = …; and var (a, b) = … (a foreach deconstruction writes its locals this way on every pass).
                _ => current.Parent is ITupleOperation { Parent: IDeconstructionAssignmentOperation }
                     || current.Parent is ITupleOperation { Parent: IDeclarationExpressionOperation { Parent: IDeconstructionAssignmentOperation } },
            };
        }

        /// <summary>The object a call works on: its receiver, or the first argument of an extension method.</summary>
        public static IOperation? ReceiverOf(IInvocationOperation invocation)
        {
            if (invocation.Instance != null)
            {
                return invocation.Instance;
            }

            return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
        }
    }
}
