using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Options;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Snapshot reads and live subscriptions (RACE003): Redis, SQL through ADO.NET, Dapper and EF Core,
    /// PostgreSQL LISTEN, SignalR hub connections, and configured methods.
    /// </summary>
    internal sealed partial class ApiCatalog
    {
        private static readonly string[] RedisReadPrefixes =
        {
            "ListRange", "ListGetByIndex", "StringGet", "HashGet", "HashValues", "HashKeys", "HashScan",
            "StreamRange", "SortedSetRange", "SortedSetScan", "SetMembers", "SetScan",
        };

        private static readonly string[] EfMaterializers =
        {
            "ToList", "ToArray", "ToDictionary", "ToHashSet", "First", "FirstOrDefault", "Single", "SingleOrDefault",
            "Last", "LastOrDefault", "Count", "LongCount", "Any", "All", "Min", "Max", "Sum", "Average", "Contains", "Load", "ForEach",
        };

        /// <summary>Subscriptions: Redis Subscribe, SignalR On, and the calls that can run PostgreSQL's LISTEN.</summary>
        private static readonly string[] SubscribeNames = { "Subscribe", "On", "ExecuteNonQuery", "Execute" };

        /// <summary>Of <see cref="SubscribeNames"/>, the calls that subscribe only when their SQL is a LISTEN.</summary>
        private static readonly string[] ListenNames = { "ExecuteNonQuery", "Execute" };

        /// <summary>The keyword a subscribing SQL text starts with: without it in the source, no SQL call subscribes.</summary>
        public const string ListenKeyword = "LISTEN";

        private static readonly string[] SnapshotReadPrefixes = { "Query", "ExecuteScalar", "ExecuteReader", "FromSql", "SqlQuery" };

        private readonly ConcurrentDictionary<IMethodSymbol, StreamApiKind> _streamKindCache = new ConcurrentDictionary<IMethodSymbol, StreamApiKind>(SymbolEqualityComparer.Default);

        /// <summary>True when the compilation can subscribe to anything RACE003 knows (or configuration names methods).</summary>
        public bool HasSubscriptionApis(bool anyConfigured)
            => anyConfigured
               || Type("StackExchange.Redis.ISubscriber") != null
               || Type("Npgsql.NpgsqlCommand") != null
               || Type("Microsoft.AspNetCore.SignalR.Client.HubConnection") != null;

        /// <summary>False when no call of this simple name can subscribe (configured names aside); read from syntax before binding.</summary>
        public static bool MaySubscribe(string name) => Array.IndexOf(SubscribeNames, MethodNames.WithoutAsyncSuffix(name)) >= 0;

        /// <summary>
        /// <see cref="MaySubscribe(string)"/>, where SQL calls count only when some source text may hold a LISTEN
        /// (<paramref name="sqlMayListen"/>, see <see cref="ListenKeyword"/>).
        /// </summary>
        public static bool MaySubscribe(string name, bool sqlMayListen)
            => MaySubscribe(name) && (sqlMayListen || Array.IndexOf(ListenNames, MethodNames.WithoutAsyncSuffix(name)) < 0);

        /// <summary>False when no call of this simple name can read a snapshot or subscribe (configured names aside).</summary>
        public static bool MayPlayStreamRole(string name)
        {
            var bare = MethodNames.WithoutAsyncSuffix(name);
            return MaySubscribe(name) || StartsWithAny(bare, RedisReadPrefixes) || StartsWithAny(bare, SnapshotReadPrefixes)
                   || Array.IndexOf(EfMaterializers, bare) >= 0 || bare == "Find" || bare == "Invoke" || bare == "InvokeCore";
        }

        /// <summary>RACE003's roles: snapshot reads and live subscriptions.</summary>
        public IRoleSource Streams => _streams ??= new StreamRoles(this);

        private IRoleSource? _streams;

        /// <summary>Whether a call reads a snapshot or subscribes, with the operands that say to what.</summary>
        public RoleCall? StreamCallOf(IInvocationOperation call, ConfiguredMethods configured)
        {
            var configuredRole = configured.RoleOf(call.TargetMethod);
            if (configuredRole == Role.SnapshotRead || configuredRole == Role.Subscribe)
            {
                return new RoleCall(configuredRole, DataArguments(call), receiverIdentifiesStream: true, Describe(call));
            }

            switch (_streamKindCache.GetOrAdd(call.TargetMethod, ClassifyStreamMethod))
            {
                case StreamApiKind.RedisRead:
                    return new RoleCall(Role.SnapshotRead, DataArguments(call), receiverIdentifiesStream: false, Describe(call));
                case StreamApiKind.RedisSubscribe:
                    var channel = ArgumentOfType(call, "RedisChannel");
                    return channel == null ? null : new RoleCall(Role.Subscribe, new[] { channel }, receiverIdentifiesStream: false, ConstantText.Render(channel));
                case StreamApiKind.AdoQuery:
                    return new RoleCall(Role.SnapshotRead, Receiver(call), receiverIdentifiesStream: false, Describe(call), connection: call.Instance);
                case StreamApiKind.AdoNonQuery:
                    return ListenCall(call, SqlCommandText.OfCommandExecution(call), Receiver(call), call.Instance);
                case StreamApiKind.DapperQuery:
                    return new RoleCall(Role.SnapshotRead, DataArguments(call), receiverIdentifiesStream: false, Describe(call), connection: DapperConnection(call));
                case StreamApiKind.DapperExecute:
                    return ListenCall(call, ConstantText.Render(NamedArgument(call, "sql")), DataArguments(call), DapperConnection(call));
                case StreamApiKind.EfQuery:
                    return new RoleCall(Role.SnapshotRead, DataArguments(call), receiverIdentifiesStream: false, Describe(call));
                case StreamApiKind.HubFetch:
                    return new RoleCall(Role.SnapshotRead, DataArguments(call), receiverIdentifiesStream: true, Describe(call));
                case StreamApiKind.HubOn:
                    var method = NamedArgument(call, "methodName");
                    return new RoleCall(Role.Subscribe, method == null ? Array.Empty<IOperation>() : new[] { method }, receiverIdentifiesStream: true, ConstantText.Render(method));
                default:
                    return null;
            }
        }

        /// <summary>The role a library method can play for RACE003, before its arguments are looked at (the name gates' test).</summary>
        internal Role StreamRoleOf(IMethodSymbol method)
        {
            switch (_streamKindCache.GetOrAdd(method, ClassifyStreamMethod))
            {
                case StreamApiKind.None:
                    return Role.None;
                case StreamApiKind.RedisSubscribe:
                case StreamApiKind.AdoNonQuery:
                case StreamApiKind.DapperExecute:
                case StreamApiKind.HubOn:
                    return Role.Subscribe;
                default:
                    return Role.SnapshotRead;
            }
        }

        /// <summary>
        /// True for the event a PostgreSQL LISTEN's notifications arrive through: Npgsql's <c>NpgsqlConnection.Notification</c>.
        /// Npgsql raises it while the listening connection reads, and a notification read with no handler attached is
        /// gone, so a LISTEN is live only together with the handler attached to that event on its connection.
        /// </summary>
        public bool DeliversListenNotifications(IEventSymbol? subscribed)
        {
            if (subscribed == null || !(Type("Npgsql.NpgsqlConnection") is { } connection))
            {
                return false;
            }

            foreach (var member in connection.GetMembers("Notification"))
            {
                if (member is IEventSymbol notification && SymbolEqualityComparer.Default.Equals(subscribed.OriginalDefinition, notification))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Dapper's methods extend the connection: it is the first argument.</summary>
        private static IOperation? DapperConnection(IInvocationOperation call) => call.Arguments.Length > 0 ? call.Arguments[0].Value : null;

        /// <summary>Words that open the name of a method reading current state (GetHistory, LoadAsync, FindOrder).</summary>
        private static readonly string[] ReadWords = { "Get", "Load", "Find", "Query", "Fetch", "List", "Read" };

        /// <summary>
        /// An in-house repository read whose body this compilation does not have (<c>IHistory.LoadAsync(sessionId)</c>):
        /// a snapshot read of what it is given, for RACE003.
        /// </summary>
        private static RoleCall? RepositoryReadByName(IInvocationOperation call, ConfiguredMethods configured)
        {
            var name = call.TargetMethod.Name;
            if (!IsInHouseAbstraction(call.TargetMethod) || !(MethodNames.StartsWithWord(name, ReadWords) || MethodNames.StartsWithWord(name, configured.ReadingWords)))
            {
                return null;
            }

            var data = DataArguments(call);
            return data.Count == 0 ? null : new RoleCall(Role.SnapshotRead, data, receiverIdentifiesStream: false, Describe(call));
        }

        private static RoleCall? ListenCall(IInvocationOperation call, string sql, IEnumerable<IOperation> data, IOperation? connection)
        {
            var tokens = SqlTokenizer.Tokenize(sql);
            if (tokens.Count < 2 || !tokens[0].Is("LISTEN"))
            {
                return null;
            }

            return new RoleCall(Role.Subscribe, data, receiverIdentifiesStream: false, sql.Substring(sql.IndexOf(tokens[1].Text, StringComparison.Ordinal)).Trim(), connection: connection);
        }

        private StreamApiKind ClassifyStreamMethod(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return StreamApiKind.None;
            }

            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            switch (ns)
            {
                case "StackExchange.Redis" when type.Name == "ISubscriber" && name == "Subscribe":
                    return StreamApiKind.RedisSubscribe;
                case "StackExchange.Redis" when (type.Name == "IDatabase" || type.Name == "IDatabaseAsync") && StartsWithAny(name, RedisReadPrefixes):
                    return StreamApiKind.RedisRead;
                case "Dapper" when type.Name == "SqlMapper":
                    return name.StartsWith("Query", StringComparison.Ordinal) || name.StartsWith("ExecuteScalar", StringComparison.Ordinal) || name.StartsWith("ExecuteReader", StringComparison.Ordinal)
                        ? StreamApiKind.DapperQuery
                        : name == "Execute" ? StreamApiKind.DapperExecute : StreamApiKind.None;
                case "Microsoft.EntityFrameworkCore" when type.Name == "EntityFrameworkQueryableExtensions" && method.Name.EndsWith("Async", StringComparison.Ordinal) && Array.IndexOf(EfMaterializers, name) >= 0:
                case "Microsoft.EntityFrameworkCore" when type.Name == "RelationalQueryableExtensions" && name.StartsWith("FromSql", StringComparison.Ordinal):
                case "Microsoft.EntityFrameworkCore" when type.Name == "RelationalDatabaseFacadeExtensions" && name.StartsWith("SqlQuery", StringComparison.Ordinal):
                case "Microsoft.EntityFrameworkCore" when type.Name == "DbSet" && name == "Find":
                    return StreamApiKind.EfQuery;
                case "Microsoft.AspNetCore.SignalR.Client" when type.Name == "HubConnection" || type.Name == "HubConnectionExtensions":
                    return name == "On" ? StreamApiKind.HubOn : name == "Invoke" || name == "InvokeCore" ? StreamApiKind.HubFetch : StreamApiKind.None;
            }

            if (IsDbCommand(type))
            {
                return name == "ExecuteReader" || name == "ExecuteScalar" ? StreamApiKind.AdoQuery
                    : name == "ExecuteNonQuery" ? StreamApiKind.AdoNonQuery : StreamApiKind.None;
            }

            return StreamApiKind.None;
        }

        private bool IsDbCommand(INamedTypeSymbol type)
        {
            var dbCommand = Type("System.Data.Common.DbCommand");
            var idbCommand = Type("System.Data.IDbCommand");
            return DerivesFrom(type, dbCommand) || Same(type, idbCommand) || Implements(type, idbCommand);
        }

        private INamedTypeSymbol? Type(string metadataName) => _types.GetOrAdd(metadataName, n => MetadataTypes.Find(_compilation, n));

        /// <summary>Arguments that carry data (keys, SQL, parameters): not cancellation tokens, flags or callbacks.</summary>
        internal static List<IOperation> DataArguments(IInvocationOperation call)
        {
            var data = new List<IOperation>();
            foreach (var argument in call.Arguments)
            {
                var type = argument.Value.Type;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || type == null || type.TypeKind == TypeKind.Delegate
                    || IsCancellationToken(type) || type.Name == "CommandFlags" || type.TypeKind == TypeKind.Enum)
                {
                    continue;
                }

                data.Add(argument.Value);
            }

            return data;
        }

        internal static IOperation[] Receiver(IInvocationOperation call) => call.Instance == null ? Array.Empty<IOperation>() : new[] { call.Instance };

        private static IOperation? ArgumentOfType(IInvocationOperation call, string typeName)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Type.Name == typeName)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        internal static IOperation? NamedArgument(IInvocationOperation call, string parameterName)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        internal static CallDescription Describe(IInvocationOperation call) => CallDescription.Quoting(call.Syntax);

        internal static bool StartsWithAny(string name, string[] prefixes)
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

        private sealed class StreamRoles : IRoleSource
        {
            private readonly ApiCatalog _catalog;

            public StreamRoles(ApiCatalog catalog) => _catalog = catalog;

            public bool CountsEveryValue => false;

            public RoleCall? Classify(IInvocationOperation call, ConfiguredMethods configured) => _catalog.StreamCallOf(call, configured);

            public RoleCall? ClassifyByName(IInvocationOperation call, ConfiguredMethods configured) => RepositoryReadByName(call, configured);

            public bool MayPlayRole(string methodName) => MayPlayStreamRole(methodName);
        }

        private enum StreamApiKind
        {
            None,
            RedisRead,
            RedisSubscribe,
            AdoQuery,
            AdoNonQuery,
            DapperQuery,
            DapperExecute,
            EfQuery,
            HubFetch,
            HubOn,
        }
    }
}
