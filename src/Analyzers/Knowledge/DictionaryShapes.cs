using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>The members of <c>ConcurrentDictionary</c> RACE009 reasons about.</summary>
    internal enum DictionaryMember
    {
        None,
        ContainsKey,
        TryGetValue,
        TryAdd,

        /// <summary><c>TryRemove(key, out value)</c>; the atomic <c>TryRemove(KeyValuePair)</c> is not this.</summary>
        TryRemoveByKey,
        GetValueOrDefault,
    }

    /// <summary>Names of <c>ConcurrentDictionary</c> members, on symbols and (for gates) on syntax.</summary>
    internal static class DictionaryShapes
    {
        public const string ConcurrentDictionaryMetadataName = "System.Collections.Concurrent.ConcurrentDictionary`2";

        public static DictionaryMember MemberOf(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "ContainsKey":
                    return DictionaryMember.ContainsKey;
                case "TryGetValue":
                    return DictionaryMember.TryGetValue;
                case "TryAdd":
                    return DictionaryMember.TryAdd;
                case "TryRemove" when method.Parameters.Length == 2 && method.Parameters[1].RefKind == RefKind.Out:
                    return DictionaryMember.TryRemoveByKey;
                case "GetValueOrDefault" when method.IsExtensionMethod:
                    return DictionaryMember.GetValueOrDefault;
                default:
                    return DictionaryMember.None;
            }
        }

        /// <summary>
        /// <c>ConcurrentDictionary.TryRemove(KeyValuePair&lt;TKey, TValue&gt;)</c> on <paramref name="dictionary"/> (.NET 5 on):
        /// removes the entry only while its value still equals the pair's, by <c>EqualityComparer&lt;TValue&gt;.Default</c>.
        /// Null when the compilation's ConcurrentDictionary has no such overload.
        /// </summary>
        public static IMethodSymbol? RemoveIfValueEquals(INamedTypeSymbol dictionary)
        {
            foreach (var member in dictionary.GetMembers("TryRemove"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method
                    && method.Parameters[0].Type is INamedTypeSymbol { Name: "KeyValuePair", Arity: 2 } pair
                    && pair.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>The static <c>System.Collections.Generic.KeyValuePair</c> class, whose <c>Create(key, value)</c> builds a pair; null when the compilation has none (.NET Framework).</summary>
        public static INamedTypeSymbol? KeyValuePairFactory(Compilation compilation)
            => MetadataTypes.Find(compilation, "System.Collections.Generic.KeyValuePair") is { IsStatic: true } factory && !factory.GetMembers(KeyValuePairCreate).IsEmpty
                ? factory
                : null;

        /// <summary>The factory method of <see cref="KeyValuePairFactory"/>.</summary>
        public const string KeyValuePairCreate = "Create";

        /// <summary>A name that writes on a condition or reads with a default: a body calling one may check and then act.</summary>
        public static bool IsConditionalAccessName(string name) => name == "TryAdd" || name == "TryRemove" || name == "GetValueOrDefault";

        /// <summary>A name that checks for a key.</summary>
        public static bool IsKeyCheckName(string name) => name == "ContainsKey" || name == "TryGetValue";

        /// <summary>A conditional write's name, for the cheap pre-filter over a body's operations.</summary>
        public static bool IsConditionalWriteName(string name) => name == "TryAdd" || name == "TryRemove";
    }
}
