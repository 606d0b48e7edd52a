using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Constructors that only allocate (no I/O, no timer, no registration anywhere): an object built by one and
    /// then dropped leaves no trace, so a <c>GetOrAdd</c> factory that builds one may run for a caller whose
    /// value loses the race.
    /// </summary>
    internal static class AllocationOnlyConstructors
    {
        private static readonly ImmutableHashSet<string> Types = ImmutableHashSet.Create(
            "System.Object",
            "System.Threading.Tasks.TaskCompletionSource",
            "System.Threading.Tasks.TaskCompletionSource`1",
            "System.Threading.SemaphoreSlim",
            "System.Text.StringBuilder",
            "System.Collections.Generic.List`1",
            "System.Collections.Generic.Dictionary`2",
            "System.Collections.Generic.HashSet`1",
            "System.Collections.Generic.Queue`1",
            "System.Collections.Concurrent.ConcurrentQueue`1",
            "System.Collections.Concurrent.ConcurrentBag`1",
            "System.Collections.Concurrent.ConcurrentDictionary`2");

        public static bool Contains(IMethodSymbol constructor)
            => constructor.MethodKind == MethodKind.Constructor && constructor.ContainingType is { } type
               && Types.Contains(MetadataName(type.OriginalDefinition));

        private static string MetadataName(INamedTypeSymbol type)
            => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
    }
}
