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
    /// Commits and persistence (RACE006/RACE007): Kafka offset commits, RabbitMQ acks, Service Bus completions;
    /// SQL writes through ADO.NET, Dapper and EF Core, Redis writes, producing and publishing elsewhere.
    /// </summary>
    internal sealed partial class ApiCatalog
    {
        private static readonly string[] RedisWritePrefixes =
        {
            "StringSet", "StringAppend", "StringIncrement", "StringDecrement", "ListRightPush", "ListLeftPush", "ListInsert",
            "ListSet", "ListRemove", "HashSet", "HashDelete", "HashIncrement", "HashDecrement", "SetAdd", "SetRemove",
            "SortedSetAdd", "SortedSetRemove", "SortedSetIncrement", "SortedSetDecrement", "StreamAdd", "KeyDelete", "KeyExpire",
        };

        private static readonly string[] CommitNames = { "Commit", "StoreOffset", "BasicAck", "CompleteMessage" };

        /// <summary>Words that open the name of an in-house method settling a message (AckAsync, CompleteDelivery, Settle).</summary>
        private static readonly string[] CommitWords = { "Ack", "Acknowledge", "Commit", "Complete", "Settle" };

        /// <summary>Produce, publish and send calls, and the SQL and EF Core calls that can write.</summary>
        private static readonly string[] PersistNames = { "Produce", "BasicPublish", "SendMessage", "SendMessages", "DeadLetterMessage", "Publish", "SaveChanges" };

        private static readonly string[] PersistPrefixes = { "Execute", "Query" };

        /// <summary>Words that open the name of a method handling or persisting what it is given (SaveAsync, HandleOrder, UpsertInvoice).</summary>
        private static readonly string[] HandlingWords =
        {
            "Save", "Store", "Persist", "Insert", "Update", "Upsert", "Write", "Add", "Append", "Record", "Create", "Delete", "Remove", "Put",
            "Enqueue", "Send", "Publish", "Apply", "Handle", "Process", "Project", "Index",
        };

        private static readonly string[] SqlWriteKeywords = { "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "COPY" };

        private readonly ConcurrentDictionary<IMethodSymbol, DeliveryApiKind> _deliveryKindCache = new ConcurrentDictionary<IMethodSymbol, DeliveryApiKind>(SymbolEqualityComparer.Default);
        private IRoleSource? _delivery;

        /// <summary>RACE006/RACE007's roles: commits and persistence.</summary>
        public IRoleSource Delivery => _delivery ??= new DeliveryRoles(this);

        /// <summary>False when no call of this simple name can commit or ack a message (configured names aside); read from syntax before binding.</summary>
        public static bool MayCommit(string name) => Array.IndexOf(CommitNames, MethodNames.WithoutAsyncSuffix(name)) >= 0 || MethodNames.StartsWithWord(name, CommitWords);

        /// <summary>
        /// A call named as committing or acking: when its body (one call down) commits, or it has no body here and
        /// is given the message, it is the caller's own commit (a wrapper around the broker's ack).
        /// </summary>
        public static bool IsCommitWrapper(IMethodSymbol method) => MayCommit(method.Name);

        /// <summary>False when no call of this simple name can commit or persist (configured names aside).</summary>
        public static bool MayPlayDeliveryRole(string name)
        {
            var bare = MethodNames.WithoutAsyncSuffix(name);
            return MayCommit(name) || Array.IndexOf(PersistNames, bare) >= 0 || StartsWithAny(bare, PersistPrefixes) || StartsWithAny(bare, RedisWritePrefixes)
                   || StartsWithAny(bare, HandlingWords);
        }

        /// <summary>
        /// An in-house interface or abstract method, whose body this compilation does not have, named as handling
        /// what it is given (<c>IOrderRepository.SaveAsync(order)</c>) and given something: the handling of that
        /// value for RACE006/RACE007.
        /// </summary>
        private static RoleCall? HandlingCallByName(IInvocationOperation call, ConfiguredMethods configured)
            => IsInHouseAbstraction(call.TargetMethod)
               && (MethodNames.StartsWithWord(call.TargetMethod.Name, HandlingWords) || MethodNames.StartsWithWord(call.TargetMethod.Name, configured.HandlingWords))
               && DataArguments(call).Count > 0
                ? Persist(call)
                : null;

        /// <summary>
        /// An in-house interface or abstract method without a body here, named as settling what it is given
        /// (<c>IDeliveryChannel.AckAsync(delivery)</c>) and given something: a commit of that value.
        /// </summary>
        private static RoleCall? CommitCallByName(IInvocationOperation call)
        {
            if (!IsInHouseAbstraction(call.TargetMethod) || !MethodNames.StartsWithWord(call.TargetMethod.Name, CommitWords))
            {
                return null;
            }

            var data = DataArguments(call);
            return data.Count > 0 ? Commit(call, data[0]) : null;
        }

        /// <summary>True when the compilation can commit or ack messages (or configuration names methods that do).</summary>
        public bool HasCommitApis(bool anyConfigured)
            => anyConfigured
               || Type("Confluent.Kafka.IConsumer`2") != null
               || Type("RabbitMQ.Client.IModel") != null
               || Type("RabbitMQ.Client.IChannel") != null
               || Type("Azure.Messaging.ServiceBus.ServiceBusReceiver") != null;

        /// <summary>Whether a call commits a message or persists something, with the operands it uses.</summary>
        public RoleCall? DeliveryCallOf(IInvocationOperation call, ConfiguredMethods configured)
        {
            var configuredRole = configured.RoleOf(call.TargetMethod);
            if (configuredRole == Role.Commit)
            {
                var data = DataArguments(call);
                return Commit(call, data.Count > 0 ? data[0] : call.Instance);
            }

            if (configuredRole == Role.Persist)
            {
                return Persist(call);
            }

            switch (_deliveryKindCache.GetOrAdd(call.TargetMethod, ClassifyDeliveryMethod))
            {
                case DeliveryApiKind.KafkaCommit:
                    return Commit(call, call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                case DeliveryApiKind.RabbitAck:
                    return Commit(call, NamedArgument(call, "deliveryTag"));
                case DeliveryApiKind.ServiceBusComplete:
                    return Commit(call, NamedArgument(call, "message"));
                case DeliveryApiKind.Write:
                    return Persist(call);
                case DeliveryApiKind.AdoExecute:
                    return IsSqlWrite(SqlCommandText.OfCommandExecution(call), unknownIsWrite: call.TargetMethod.Name.StartsWith("ExecuteNonQuery", StringComparison.Ordinal)) ? Persist(call) : null;
                case DeliveryApiKind.DapperExecute:
                    return IsSqlWrite(ConstantText.Render(NamedArgument(call, "sql")), unknownIsWrite: call.TargetMethod.Name.StartsWith("Execute", StringComparison.Ordinal) && !call.TargetMethod.Name.StartsWith("ExecuteScalar", StringComparison.Ordinal) && !call.TargetMethod.Name.StartsWith("ExecuteReader", StringComparison.Ordinal)) ? Persist(call) : null;
                default:
                    return null;
            }
        }

        /// <summary>A call of <paramref name="method"/> is one <see cref="DeliveryCallOf"/> classifies as a commit or ack, told from the method alone.</summary>
        public bool Commits(IMethodSymbol method, ConfiguredMethods configured)
        {
            var configuredRole = configured.RoleOf(method);
            return configuredRole == Role.Commit || (configuredRole != Role.Persist && DeliveryRoleOf(method) == Role.Commit);
        }

        /// <summary>The role a library method can play for RACE006/RACE007, before its arguments are looked at (the name gates' test).</summary>
        internal Role DeliveryRoleOf(IMethodSymbol method)
        {
            switch (_deliveryKindCache.GetOrAdd(method, ClassifyDeliveryMethod))
            {
                case DeliveryApiKind.None:
                    return Role.None;
                case DeliveryApiKind.KafkaCommit:
                case DeliveryApiKind.RabbitAck:
                case DeliveryApiKind.ServiceBusComplete:
                    return Role.Commit;
                default:
                    return Role.Persist;
            }
        }

        private static RoleCall Commit(IInvocationOperation call, IOperation? message)
            => new RoleCall(Role.Commit, Array.Empty<IOperation>(), receiverIdentifiesStream: false, Describe(call), message);

        private static RoleCall Persist(IInvocationOperation call)
        {
            var data = DataArguments(call);
            if (call.Instance != null)
            {
                data.Add(call.Instance);
            }

            return new RoleCall(Role.Persist, data, receiverIdentifiesStream: false, Describe(call));
        }

        /// <summary>INSERT/UPDATE/DELETE/MERGE and the like; text that cannot be read counts as a write only for non-query calls.</summary>
        private static bool IsSqlWrite(string sql, bool unknownIsWrite)
        {
            var keyword = SqlTokenizer.FirstKeyword(sql);
            if (keyword == "WITH")
            {
                // A CTE: the statement's verb follows the WITH list; any write verb in it makes it a write.
                foreach (var token in SqlTokenizer.Tokenize(sql))
                {
                    if (token.Kind == SqlTokenKind.Word && Array.IndexOf(SqlWriteKeywords, token.Text.ToUpperInvariant()) >= 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            return keyword.Length == 0 ? unknownIsWrite : Array.IndexOf(SqlWriteKeywords, keyword) >= 0;
        }

        private DeliveryApiKind ClassifyDeliveryMethod(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return DeliveryApiKind.None;
            }

            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            switch (ns)
            {
                case "Confluent.Kafka" when (type.Name == "IConsumer" || type.Name == "Consumer") && (name == "Commit" || name == "StoreOffset"):
                    return DeliveryApiKind.KafkaCommit;
                case "Confluent.Kafka" when (type.Name == "IProducer" || type.Name == "Producer") && name == "Produce":
                    return DeliveryApiKind.Write;
                case "RabbitMQ.Client" when (type.Name == "IModel" || type.Name == "IChannel") && name == "BasicAck":
                    return DeliveryApiKind.RabbitAck;
                case "RabbitMQ.Client" when (type.Name == "IModel" || type.Name == "IChannel" || type.Name == "IChannelExtensions" || type.Name == "IModelExtensions") && name == "BasicPublish":
                    return DeliveryApiKind.Write;
                case "Azure.Messaging.ServiceBus" when name == "CompleteMessage":
                    return DeliveryApiKind.ServiceBusComplete;
                case "Azure.Messaging.ServiceBus" when name == "SendMessage" || name == "SendMessages" || name == "DeadLetterMessage":
                    return DeliveryApiKind.Write;
                case "StackExchange.Redis" when (type.Name == "IDatabase" || type.Name == "IDatabaseAsync") && StartsWithAny(name, RedisWritePrefixes):
                    return DeliveryApiKind.Write;
                case "StackExchange.Redis" when type.Name == "ISubscriber" && name == "Publish":
                    return DeliveryApiKind.Write;
                case "Dapper" when type.Name == "SqlMapper" && (name.StartsWith("Execute", StringComparison.Ordinal) || name.StartsWith("Query", StringComparison.Ordinal)):
                    return DeliveryApiKind.DapperExecute;
                case "Microsoft.EntityFrameworkCore" when (type.Name == "EntityFrameworkQueryableExtensions" || type.Name == "RelationalQueryableExtensions") && (name == "ExecuteUpdate" || name == "ExecuteDelete"):
                case "Microsoft.EntityFrameworkCore" when type.Name == "RelationalDatabaseFacadeExtensions" && (name.StartsWith("ExecuteSql", StringComparison.Ordinal)):
                    return DeliveryApiKind.Write;
            }

            // DbContext.SaveChanges, and overrides on the application's own contexts in any namespace.
            if (name == "SaveChanges" && DerivesFrom(type, Type("Microsoft.EntityFrameworkCore.DbContext")))
            {
                return DeliveryApiKind.Write;
            }

            if (IsDbCommand(type) && (name == "ExecuteNonQuery" || name == "ExecuteScalar" || name == "ExecuteReader"))
            {
                return DeliveryApiKind.AdoExecute;
            }

            return DeliveryApiKind.None;
        }

        private sealed class DeliveryRoles : IRoleSource
        {
            private readonly ApiCatalog _catalog;

            public DeliveryRoles(ApiCatalog catalog) => _catalog = catalog;

            public bool CountsEveryValue => true;

            public RoleCall? Classify(IInvocationOperation call, ConfiguredMethods configured) => _catalog.DeliveryCallOf(call, configured);

            public RoleCall? ClassifyByName(IInvocationOperation call, ConfiguredMethods configured) => HandlingCallByName(call, configured) ?? CommitCallByName(call);

            public bool MayPlayRole(string methodName) => MayPlayDeliveryRole(methodName);
        }

        private enum DeliveryApiKind
        {
            None,
            KafkaCommit,
            RabbitAck,
            ServiceBusComplete,
            Write,
            AdoExecute,
            DapperExecute,
        }
    }
}
