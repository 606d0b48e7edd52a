using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// What kind of slow work a call is, for the lock audit's "held across slow calls": database, Redis, HTTP,
    /// broker and file I/O of a library, delays, blocking waits on tasks, console output, process waits. Null for
    /// anything else, and for the audited code's own methods.
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

        /// <summary>Members of I/O libraries that only build or read something in memory (a command, a parsed address).</summary>
        private static readonly string[] InMemoryMemberPrefixes = { "Create", "Parse", "TryParse", "ToString", "GetHashCode", "Equals" };

        /// <summary>EF Core members that only track changes in memory (the database is reached by SaveChanges and queries), <c>AddAsync</c> included.</summary>
        private static readonly string[] EfCoreTrackingPrefixes = { "Add", "Attach", "Remove", "Update", "Entry", "Entries", "Set", "DetectChanges" };

        /// <summary>
        /// Kafka client members that change the client's own state and return (pause, assign, store an offset, seek
        /// before the next poll), and Redis members that hand out a wrapper on the existing connection
        /// (<c>GetDatabase</c>, <c>GetSubscriber</c>): no round trip.
        /// </summary>
        private static readonly string[] ClientLocalMembers =
        {
            "Pause", "Resume", "Assign", "IncrementalAssign", "Unassign", "IncrementalUnassign", "Subscribe", "Unsubscribe",
            "StoreOffset", "Position", "GetWatermarkOffsets", "Seek", "GetDatabase", "GetSubscriber", "GetServer", "GetEndPoints",
        };

        /// <summary>
        /// The kind of slow work a call of <paramref name="method"/> does, from what it is: a library's I/O member
        /// (by its namespace, less the members that only build something in memory), a delay, a blocking wait on a
        /// task, console output, waiting for a process. A method of the audited code itself (declared in source,
        /// or in one of <paramref name="solutionAssemblies"/>) is never I/O by where it lives.
        /// </summary>
        public static string? KindOf(IMethodSymbol method, ISet<string>? solutionAssemblies = null)
        {
            var type = method.ContainingType;
            if (type == null || !method.DeclaringSyntaxReferences.IsEmpty
                || (solutionAssemblies != null && method.ContainingAssembly != null && solutionAssemblies.Contains(method.ContainingAssembly.Name)))
            {
                return null;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if ((WellKnownTypes.IsTaskType(type, withResult: false) && method.Name == "Delay") || (type.Name == "Thread" && method.Name == "Sleep"))
            {
                return "delay";
            }

            if (ns == "System.Threading.Tasks" && (method.Name == "Wait" || method.Name == "WaitAll" || method.Name == "GetResult"))
            {
                return "blocking wait";
            }

            if (ns == "System.Runtime.CompilerServices" && method.Name == "GetResult")
            {
                return "blocking wait";
            }

            if (ns == "System" && type.Name == "Console")
            {
                return "console";
            }

            if (ns == "System.Diagnostics" && type.Name == "Process" && method.Name.StartsWith("WaitFor", StringComparison.Ordinal))
            {
                return "process";
            }

            var synchronous = !method.Name.EndsWith("Async", StringComparison.Ordinal);
            if (method.MethodKind != MethodKind.Ordinary || (synchronous && StartsWithAny(method.Name, InMemoryMemberPrefixes))
                || (ns.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && StartsWithAny(method.Name, EfCoreTrackingPrefixes))
                || IsClientConfiguration(type, ns, method))
            {
                return null;
            }

            foreach (var (prefix, kind) in ByNamespace)
            {
                if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    return kind == "file" && Array.IndexOf(InMemoryIo, type.Name) >= 0 ? null : kind;
                }
            }

            return null;
        }

        /// <summary>
        /// A broker or Redis client's builder (<c>ProducerBuilder.SetErrorHandler</c>, <c>Build</c>: it stores
        /// settings and makes the handle) or one of its local members.
        /// </summary>
        private static bool IsClientConfiguration(INamedTypeSymbol type, string ns, IMethodSymbol method)
        {
            var client = ns.StartsWith("Confluent.Kafka", StringComparison.Ordinal) || ns.StartsWith("StackExchange.Redis", StringComparison.Ordinal);
            return client && (type.Name.EndsWith("Builder", StringComparison.Ordinal) || Array.IndexOf(ClientLocalMembers, method.Name) >= 0);
        }

        private static bool StartsWithAny(string name, string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
