using System;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// What kind of slow work a call is, for the lock audit's "held across slow calls": database, Redis, HTTP,
    /// broker and file I/O by the library's namespace, and delays. Null for anything else.
    /// </summary>
    internal static class SlowCalls
    {
        private static readonly (string Namespace, string Kind)[] ByNamespace =
        {
            ("System.Data", "SQL"), ("Npgsql", "SQL"), ("Dapper", "SQL"), ("Microsoft.Data", "SQL"), ("Microsoft.EntityFrameworkCore", "SQL"),
            ("MySqlConnector", "SQL"), ("MySql", "SQL"), ("Oracle", "SQL"),
            ("StackExchange.Redis", "Redis"),
            ("System.Net.Http", "HTTP"), ("System.Net", "network"), ("Grpc", "HTTP"),
            ("RabbitMQ.Client", "broker"), ("Confluent.Kafka", "broker"), ("Azure.Messaging", "broker"), ("MassTransit", "broker"), ("NATS", "broker"),
            ("System.IO", "file"),
        };

        /// <summary>In-memory types of System.IO: no I/O.</summary>
        private static readonly string[] InMemoryIo = { "MemoryStream", "StringReader", "StringWriter", "Path", "BinaryReader", "BinaryWriter" };

        public static string? KindOf(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null)
            {
                return null;
            }

            if ((WellKnownTypes.IsTaskType(type, withResult: false) && method.Name == "Delay") || (type.Name == "Thread" && method.Name == "Sleep"))
            {
                return "delay";
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            foreach (var (prefix, kind) in ByNamespace)
            {
                if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    return kind == "file" && Array.IndexOf(InMemoryIo, type.Name) >= 0 ? null : kind;
                }
            }

            return null;
        }
    }
}
