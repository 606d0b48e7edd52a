using System;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Short in-memory preparation (copying a collection, LINQ over it, building a string, disposing what the last
    /// holder left): it throws only on broken invariants, so RACE002 does not report it as work that can throw
    /// between a take and the try that releases it. I/O, awaited work and the project's own calls still count.
    /// </summary>
    internal static class PreparationCalls
    {
        public static bool Contains(IMethodSymbol method)
        {
            if ((method.Name == "Dispose" || method.Name == "DisposeAsync") && method.Parameters.IsEmpty)
            {
                return true;
            }

            var type = method.ContainingType;
            var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns == "System.Linq" || ns.StartsWith("System.Collections", StringComparison.Ordinal)
                   || type?.SpecialType == SpecialType.System_String
                   || (ns == "System.Text" && type?.Name == "StringBuilder")
                   || (ns == "System" && type?.Name == "Math");
        }
    }
}
