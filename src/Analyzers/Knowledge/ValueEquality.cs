using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Whether an <c>==</c> the code wrote decides the same as <c>EqualityComparer&lt;T&gt;.Default</c>, which the
    /// collections compare values with (<c>ConcurrentDictionary.TryRemove(KeyValuePair)</c>, <c>TryUpdate</c>).
    /// </summary>
    internal static class ValueEquality
    {
        /// <summary>
        /// True when <paramref name="comparison"/> (an <c>==</c> or <c>!=</c>) on values of <paramref name="type"/>
        /// agrees with the default comparer:
        /// <list type="bullet">
        /// <item>a user-defined operator (records, <c>string</c>): by the .NET convention an <c>==</c> overload and <c>Equals</c> agree;</item>
        /// <item>the built-in reference comparison on a class that keeps <c>object.Equals</c> (no override, no
        /// <c>IEquatable&lt;T&gt;</c>): both compare identity. Not for <c>object</c>, interfaces or type parameters,
        /// whose objects may compare by value (strings, records, boxed numbers). A subclass that overrides
        /// <c>Equals</c> is the one case this cannot see;</item>
        /// <item>the built-in comparison of integers, <c>bool</c>, <c>char</c>, <c>decimal</c> and enums (not
        /// <c>float</c>/<c>double</c>: <c>NaN == NaN</c> is false, <c>NaN.Equals(NaN)</c> true).</item>
        /// </list>
        /// </summary>
        public static bool AgreesWithDefaultComparer(IBinaryOperation comparison, ITypeSymbol type)
        {
            if (comparison.OperatorMethod != null)
            {
                return true;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type.TypeKind)
            {
                case TypeKind.Enum:
                    return true;
                case TypeKind.Class:
                    return type.SpecialType != SpecialType.System_Object && KeepsObjectEquals(type);
                case TypeKind.Struct:
                    return type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Decimal
                        or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
                default:
                    return false;
            }
        }

        private static bool KeepsObjectEquals(ITypeSymbol type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (@interface.OriginalDefinition.ToDisplayString() == "System.IEquatable<T>")
                {
                    return false;
                }
            }

            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(nameof(object.Equals)))
                {
                    if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 1 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_Object)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
