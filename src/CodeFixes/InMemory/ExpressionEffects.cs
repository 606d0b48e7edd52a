using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>What an expression does when it runs, as far as RACE009's rewrites care: they may run it more often, or for a caller whose result is dropped.</summary>
    internal static class ExpressionEffects
    {
        /// <summary>A call, creation, await, assignment or increment anywhere in it (a read of a variable, field or property is none).</summary>
        public static bool HasEffects(ExpressionSyntax expression)
            => expression.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is BaseObjectCreationExpressionSyntax || n is AwaitExpressionSyntax
                || n is AssignmentExpressionSyntax || n.IsKind(SyntaxKind.PostIncrementExpression) || n.IsKind(SyntaxKind.PreIncrementExpression)
                || n.IsKind(SyntaxKind.PostDecrementExpression) || n.IsKind(SyntaxKind.PreDecrementExpression));

        /// <summary>
        /// <c>new T(…)</c> of a type whose constructors only allocate (<see cref="AllocationOnlyConstructors"/>),
        /// with arguments that are constants, variables, fields or such creations themselves, and no initializer.
        /// </summary>
        public static bool OnlyAllocates(IOperation? value)
        {
            var bare = OperationValues.SkipConversionsAndParentheses(value);
            return bare is IObjectCreationOperation { Initializer: null, Constructor: { } constructor } creation
                   && AllocationOnlyConstructors.Contains(constructor)
                   && creation.Arguments.All(a => IsPlainValue(a.Value));
        }

        private static bool IsPlainValue(IOperation value)
        {
            var bare = OperationValues.SkipConversionsAndParentheses(value);
            return bare != null && (bare.ConstantValue.HasValue || bare is ILocalReferenceOperation || bare is IParameterReferenceOperation
                                    || bare is IFieldReferenceOperation || bare is IDefaultValueOperation || OnlyAllocates(bare));
        }
    }
}
