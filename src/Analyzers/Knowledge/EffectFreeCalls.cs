using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Calls that only hand out a handle or build a value, so running them earlier changes nothing: a Redis
    /// connection's <c>GetSubscriber()</c> and <c>GetDatabase()</c>, <c>RedisChannel.Literal(…)</c> and
    /// <c>Pattern(…)</c>, <c>string.Format</c>, <c>Concat</c> and <c>Join</c>, <c>ToString()</c>, and <c>Guid.NewGuid()</c>
    /// (a fresh value whichever line makes it).
    /// </summary>
    internal static class EffectFreeCalls
    {
        private const string RedisNamespace = "StackExchange.Redis";

        public static bool Contains(IMethodSymbol method)
        {
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "ToString":
                    return method.Parameters.IsEmpty && !method.IsStatic;
                case "Format":
                case "Concat":
                case "Join":
                    return method.IsStatic && type?.SpecialType == SpecialType.System_String;
                case "GetSubscriber":
                case "GetDatabase":
                    return !method.IsStatic && type?.ContainingNamespace?.ToDisplayString() == RedisNamespace;
                case "NewGuid":
                    return method.IsStatic && type?.Name == "Guid" && type.ContainingNamespace?.ToDisplayString() == "System";
                case "Literal":
                case "Pattern":
                    return method.IsStatic && type?.Name == "RedisChannel" && type.ContainingNamespace?.ToDisplayString() == RedisNamespace;
                default:
                    return false;
            }
        }
    }
}
