using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Where an ADO.NET command gets its SQL text and parameters, and the other framework types the SQL rules
    /// recognise by name (every provider's command and parameter collection share these member names).
    /// </summary>
    internal static class AdoNetShapes
    {
        /// <summary><c>command.Parameters.AddWithValue("@p", value)</c>.</summary>
        public static bool IsAddWithValue(IMethodSymbol method) => method.Name == "AddWithValue";

        /// <summary><c>command.Parameters.Add(parameter)</c> and <c>command.Parameters.Add("p", type)</c>.</summary>
        public static bool IsParameterAdd(IMethodSymbol method) => method.Name == "Add";

        public static bool IsParameterCollection(IPropertySymbol property) => property.Name == "Parameters";

        /// <summary><c>command.Parameters.Add("p", type).Value = value</c>.</summary>
        public static bool IsParameterValue(IPropertySymbol property) => property.Name == "Value";

        public static bool IsCommandText(IPropertySymbol property) => property.Name == "CommandText";

        /// <summary><c>new TransactionScope()</c>: an ambient transaction around the method's SQL.</summary>
        public static bool IsTransactionScope(ITypeSymbol? type) => type?.Name == "TransactionScope";
    }
}
