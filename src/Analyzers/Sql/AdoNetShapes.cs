using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Sql
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

        /// <summary>What setting up a command assigns: its text, its type, its transaction.</summary>
        public static bool IsCommandSetting(IPropertySymbol property) => property.Name is "CommandText" or "CommandType" or "Transaction";

        /// <summary><c>new TransactionScope()</c>: an ambient transaction around the method's SQL.</summary>
        public static bool IsTransactionScope(ITypeSymbol? type) => type?.Name == "TransactionScope";

        /// <summary>One of Dapper's extension methods on a connection (<c>db.ExecuteAsync(…)</c>).</summary>
        public static bool IsDapperExtension(IMethodSymbol method) => method.IsExtensionMethod && method.ContainingNamespace?.Name == "Dapper";

        /// <summary>
        /// A Dapper read that gives <c>default(T)</c> when no row matches (<c>ExecuteScalar&lt;T&gt;</c>,
        /// <c>QueryFirstOrDefault&lt;T&gt;</c>, <c>QuerySingleOrDefault&lt;T&gt;</c> and their Async forms): its
        /// value when nothing is there is known without running it.
        /// </summary>
        public static bool IsDapperReadDefaultWhenNoRow(IMethodSymbol method)
            => IsDapperExtension(method) && method.IsGenericMethod
               && method.Name is "ExecuteScalar" or "ExecuteScalarAsync" or "QueryFirstOrDefault" or "QueryFirstOrDefaultAsync" or "QuerySingleOrDefault" or "QuerySingleOrDefaultAsync";

        /// <summary>An ADO.NET connection: a type implementing <c>System.Data.IDbConnection</c>.</summary>
        public static bool IsConnection(ITypeSymbol? type)
        {
            foreach (var contract in type?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
            {
                if (contract.Name == "IDbConnection" && contract.ContainingNamespace?.ToDisplayString() == "System.Data")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The transaction a connection's parameterless <c>BeginTransaction</c> (or <c>BeginTransactionAsync</c>, awaited) gives, or null.</summary>
        public static ITypeSymbol? BeganTransactionType(ITypeSymbol? connection, bool async)
        {
            var name = async ? "BeginTransactionAsync" : "BeginTransaction";
            for (var current = connection; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } method && method.Parameters.All(p => p.IsOptional))
                    {
                        return async ? (method.ReturnType as INamedTypeSymbol)?.TypeArguments.FirstOrDefault() : method.ReturnType;
                    }
                }
            }

            return null;
        }

        /// <summary>The <c>transaction</c> parameter Dapper's and ADO.NET's calls take.</summary>
        public static bool IsTransactionParameter(IParameterSymbol parameter) => parameter.Name == "transaction";

        /// <summary>
        /// A call that only prepares a command or a value and runs nothing: a data-access library call that neither
        /// executes, queries nor opens, <c>Math</c>, or a <c>string</c> method.
        /// </summary>
        public static bool IsCommandSetup(IMethodSymbol method)
        {
            var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            var dataAccess = ns.StartsWith("System.Data", StringComparison.Ordinal) || ns.StartsWith("Npgsql", StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Data", StringComparison.Ordinal) || ns.StartsWith("MySql", StringComparison.Ordinal) || ns == "Dapper";
            var running = method.Name.StartsWith("Execute", StringComparison.Ordinal) || method.Name.StartsWith("Query", StringComparison.Ordinal)
                || method.Name.StartsWith("Open", StringComparison.Ordinal);
            return (dataAccess && !running) || method.ContainingType.SpecialType == SpecialType.System_String
                || (ns == "System" && method.ContainingType.Name == "Math");
        }
    }
}
