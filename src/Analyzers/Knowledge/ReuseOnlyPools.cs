using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// In-house pools that only save allocations: their take falls back to making a new object when the pool is
    /// empty (<c>_idle.TryTake(out var x) ? x : new Builder()</c>, <c>?? _policy.Create()</c>), and what they hold is
    /// no connection. Losing such an object to an exception costs one reuse, as with <c>ObjectPool</c>; a pool of
    /// connections or channels that also opens new ones when empty still leaks what it loses. Read from the take's
    /// own syntax, so it costs nothing for pools outside the compilation.
    /// </summary>
    internal static class ReuseOnlyPools
    {
        /// <summary>Type names of what holds a live connection: losing one leaks it, however the pool refills.</summary>
        private static readonly string[] ConnectionWords = { "Connection", "Channel", "Session", "Socket", "Client", "Stream", "Model", "Transaction" };

        private static readonly string[] FactoryWords = { "Create", "New", "Make", "Build" };

        public static bool IsReuseOnly(INamedTypeSymbol pool, string acquireName)
        {
            for (INamedTypeSymbol? type = pool; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(acquireName).Concat(type.GetMembers(acquireName + "Async")))
                {
                    if (member is IMethodSymbol take && !HoldsConnections(ItemType(take)) && take.DeclaringSyntaxReferences.Any(r => FallsBackToNew(r.GetSyntax())))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ITypeSymbol? ItemType(IMethodSymbol take)
            => WellKnownTypes.IsTaskType(take.ReturnType, withResult: true) ? ((INamedTypeSymbol)take.ReturnType).TypeArguments[0] : take.ReturnType;

        /// <summary>A type parameter holds whatever callers pool; a named type holds a connection by its name, its bases' or its interfaces'.</summary>
        private static bool HoldsConnections(ITypeSymbol? item)
        {
            if (item == null || item.SpecialType == SpecialType.System_Void)
            {
                return true;
            }

            if (item is ITypeParameterSymbol || item is IArrayTypeSymbol)
            {
                return false;
            }

            for (var type = item; type != null; type = type.BaseType)
            {
                if (NamesAConnection(type.Name))
                {
                    return true;
                }
            }

            return item.AllInterfaces.Any(i => NamesAConnection(i.Name));
        }

        private static bool NamesAConnection(string name) => ConnectionWords.Any(word => name.EndsWith(word, StringComparison.Ordinal));

        private static bool FallsBackToNew(SyntaxNode declaration)
        {
            SyntaxNode? body = declaration switch
            {
                MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                _ => null,
            };
            if (body == null)
            {
                return false;
            }

            // A take that always makes a new object (`=> new Slot()`) is a stub, not a fallback: it says nothing of reuse.
            var nodes = body.DescendantNodes(node => !(node is AnonymousFunctionExpressionSyntax)).ToList();
            return nodes.Any(Creates) && nodes.Any(Branches);
        }

        private static bool Branches(SyntaxNode node)
            => node is ConditionalExpressionSyntax || node is IfStatementSyntax || node is SwitchStatementSyntax || node is SwitchExpressionSyntax
               || (node is BinaryExpressionSyntax binary && binary.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceExpression))
               || (node is AssignmentExpressionSyntax assignment && assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceAssignmentExpression));

        private static bool Creates(SyntaxNode node) => node switch
        {
            BaseObjectCreationExpressionSyntax _ => true,
            ArrayCreationExpressionSyntax _ => true,
            InvocationExpressionSyntax call => IsFactoryName(InvokedName(call.Expression)),
            _ => false,
        };

        private static string? InvokedName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary><c>Create()</c>, <c>_policy.Create()</c>, <c>NewBuilder()</c>, <c>_factory()</c>.</summary>
        private static bool IsFactoryName(string? name)
            => name != null && (name.IndexOf("factory", StringComparison.OrdinalIgnoreCase) >= 0 || MethodNames.StartsWithWord(name, FactoryWords));
    }
}
