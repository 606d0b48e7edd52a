using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// Which method plays which role, resolved once per compilation: well-known library APIs by metadata name,
    /// then methods named in .editorconfig, then conservative name conventions for in-house types.
    /// Thread-safe; classifications of library and convention roles are memoized per method.
    /// </summary>
    internal sealed partial class ApiCatalog
    {
        /// <summary>Verbs that settle a message or transaction: they travel over the connection the work used.</summary>
        private static readonly string[] SettlementVerbs = { "Ack", "Nack", "Acknowledge", "Reject", "Commit", "Complete" };

        /// <summary>I/O verbs: they depend on a connection only when called on something built on it.</summary>
        private static readonly string[] IoVerbs = { "Send", "Flush", "Execute" };

        /// <summary>What the library pools and locks below call their release (ArrayPool, ObjectPool, SemaphoreSlim, Monitor, ReaderWriterLockSlim, Mutex, Lock).</summary>
        private static readonly string[] LibraryReleaseNames = { "Return", "Release", "Exit", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock", "ReleaseMutex" };

        private readonly INamedTypeSymbol? _arrayPool;
        private readonly INamedTypeSymbol? _objectPool;
        private readonly INamedTypeSymbol? _semaphoreSlim;
        private readonly INamedTypeSymbol? _monitor;
        private readonly INamedTypeSymbol? _readerWriterLockSlim;
        private readonly INamedTypeSymbol? _mutex;
        private readonly INamedTypeSymbol? _lock;
        private readonly INamedTypeSymbol? _logger;
        private readonly INamedTypeSymbol? _loggerExtensions;
        private readonly INamedTypeSymbol? _loggerMessageAttribute;
        private readonly INamedTypeSymbol? _console;
        private readonly INamedTypeSymbol? _debug;
        private readonly INamedTypeSymbol? _trace;
        private readonly INamedTypeSymbol? _disposable;
        private readonly INamedTypeSymbol? _asyncDisposable;
        private readonly ConcurrentDictionary<IMethodSymbol, PoolApi?> _poolApiCache = new ConcurrentDictionary<IMethodSymbol, PoolApi?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Role> _libraryRoleCache = new ConcurrentDictionary<IMethodSymbol, Role>(SymbolEqualityComparer.Default);

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        private ApiCatalog(Compilation compilation)
        {
            _compilation = compilation;
            _arrayPool = MetadataTypes.Find(compilation, "System.Buffers.ArrayPool`1");
            _objectPool = MetadataTypes.Find(compilation, "Microsoft.Extensions.ObjectPool.ObjectPool`1");
            _semaphoreSlim = MetadataTypes.Find(compilation, "System.Threading.SemaphoreSlim");
            _monitor = MetadataTypes.Find(compilation, "System.Threading.Monitor");
            _readerWriterLockSlim = MetadataTypes.Find(compilation, "System.Threading.ReaderWriterLockSlim");
            _mutex = MetadataTypes.Find(compilation, "System.Threading.Mutex");
            _lock = MetadataTypes.Find(compilation, "System.Threading.Lock");
            _logger = MetadataTypes.Find(compilation, "Microsoft.Extensions.Logging.ILogger");
            _loggerExtensions = MetadataTypes.Find(compilation, "Microsoft.Extensions.Logging.LoggerExtensions");
            _loggerMessageAttribute = MetadataTypes.Find(compilation, "Microsoft.Extensions.Logging.LoggerMessageAttribute");
            _console = MetadataTypes.Find(compilation, "System.Console");
            _debug = MetadataTypes.Find(compilation, "System.Diagnostics.Debug");
            _trace = MetadataTypes.Find(compilation, "System.Diagnostics.Trace");
            var wellKnown = WellKnownTypes.For(compilation);
            _disposable = wellKnown.Disposable;
            _asyncDisposable = wellKnown.AsyncDisposable;
        }

        // One catalog per compilation, shared by every analyzer of the package: its caches fill once.
        private static readonly ConditionalWeakTable<Compilation, ApiCatalog> PerCompilation = new ConditionalWeakTable<Compilation, ApiCatalog>();

        /// <summary>The catalog of <paramref name="compilation"/>, built on first request and shared by all analyzers.</summary>
        public static ApiCatalog For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new ApiCatalog(c));

        /// <summary>The acquire/release role of a call, or null. <paramref name="receiverType"/> matters for inherited methods (Mutex.WaitOne).</summary>
        public PoolApi? PoolApiOf(IMethodSymbol method, ITypeSymbol? receiverType, ConfiguredMethods configured)
        {
            var configuredRole = configured.RoleOf(method);
            if (configuredRole == Role.Acquire || configuredRole == Role.Release)
            {
                return ConfiguredKind(PoolShapes.ForSignature(method, configuredRole, ResourceKind.Connection, "configured"), method, receiverType, configured);
            }

            if (method.Name == "WaitOne")
            {
                return IsOrDerivesFrom(receiverType, _mutex) ? new PoolApi(Role.Acquire, ResourceKind.Lock, ResourceBinding.Receiver, "mutex") : null;
            }

            return ConfiguredKind(_poolApiCache.GetOrAdd(method, m => ClassifyLibraryOrConvention(m)), method, receiverType, configured);
        }

        /// <summary>A pool named in <c>race_analyzers.reuse_only_pools</c> holds objects, not connections, whatever its take looks like.</summary>
        private static PoolApi? ConfiguredKind(PoolApi? api, IMethodSymbol method, ITypeSymbol? receiverType, ConfiguredMethods configured)
            => api != null && api.Kind == ResourceKind.Connection
               && (configured.IsReuseOnlyPool(method.ContainingType) || configured.IsReuseOnlyPool(receiverType as INamedTypeSymbol))
                ? api.WithKind(ResourceKind.PooledObject)
                : api;

        /// <summary>
        /// False when no call of this simple name can be a release PoolApiOf knows (configured names aside): rules
        /// skip bodies that invoke no such name before binding them.
        /// </summary>
        public static bool MayRelease(string name) => Array.IndexOf(LibraryReleaseNames, name) >= 0 || PoolShapes.IsReleaseName(name);

        /// <summary>Settles the message or transaction the work handled (ack, nack, complete, commit, configured methods).</summary>
        public bool IsSettlement(IMethodSymbol method, ConfiguredMethods configured)
            => configured.RoleOf(method) == Role.DependentUse || LibraryRoleOf(method) == Role.DependentUse;

        /// <summary>Sends, flushes or executes: a dependent use only on objects built on the resource.</summary>
        public bool IsDependentIo(IMethodSymbol method) => LibraryRoleOf(method) == Role.DependentIo;

        public bool IsTelemetry(IMethodSymbol method) => LibraryRoleOf(method) == Role.Telemetry;

        /// <summary><c>CancellationTokenSource.Cancel()</c> / <c>CancelAsync()</c>: signals that throw only when a callback registered on the token does.</summary>
        public bool IsCancellationSignal(IMethodSymbol method)
            => method.Parameters.IsEmpty && (method.Name == "Cancel" || method.Name == "CancelAsync")
               && Same(method.ContainingType, Type("System.Threading.CancellationTokenSource"));

        /// <summary>Objects that hold a connection or session: disposable, or not a plain BCL value holder.</summary>
        public bool CarriesSession(ITypeSymbol? type)
        {
            if (type == null || type is IArrayTypeSymbol || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            if (Implements(type, _disposable) || Implements(type, _asyncDisposable))
            {
                return true;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return !(ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal));
        }

        /// <summary>Namespaces of clients, connections, streams and threading types: values of these types are services, not data.</summary>
        private static readonly string[] ServiceNamespaces =
        {
            "StackExchange.Redis", "Npgsql", "System.Data", "Dapper", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.Logging",
            "Microsoft.AspNetCore.SignalR", "Confluent.Kafka", "RabbitMQ.Client", "System.Net", "System.IO", "System.Threading",
        };

        public static bool IsCancellationToken(ITypeSymbol? type) => type?.Name == "CancellationToken";

        /// <summary>Values that can name an entity (a session id, a key): not services, connections, streams, tokens or callbacks.</summary>
        public static bool CanNameEntity(ITypeSymbol? type)
        {
            if (type == null || type.TypeKind == TypeKind.Delegate)
            {
                return false;
            }

            if (type.IsValueType)
            {
                return !IsCancellationToken(type);
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            foreach (var service in ServiceNamespaces)
            {
                if (ns == service || ns.StartsWith(service + ".", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Span, Memory and ArraySegment: views that keep pointing into the array they were made from.</summary>
        public bool IsBufferView(ITypeSymbol? type)
        {
            if (!(type is INamedTypeSymbol { Arity: 1 } named) || named.ContainingNamespace?.Name != "System" || named.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace != true)
            {
                return false;
            }

            switch (named.Name)
            {
                case "Span":
                case "ReadOnlySpan":
                case "Memory":
                case "ReadOnlyMemory":
                case "ArraySegment":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Disposable objects made from a resource (commands, readers, transactions) still use it.</summary>
        public bool IsDisposable(ITypeSymbol? type) => type != null && (Implements(type, _disposable) || Implements(type, _asyncDisposable));

        /// <summary>
        /// What a helper returns to be disposed: a disposable, <c>IDisposable</c> itself, or a task of one
        /// (<c>Task&lt;IDisposable&gt;</c> from an async lock helper).
        /// </summary>
        public bool IsReleaserType(ITypeSymbol? type)
        {
            if (WellKnownTypes.IsTaskType(type, withResult: true))
            {
                type = ((INamedTypeSymbol)type!).TypeArguments[0];
            }

            return type != null && (Same(type, _disposable) || Same(type, _asyncDisposable) || IsDisposable(type));
        }

        /// <summary>What disposing an object of <paramref name="type"/> runs: its <c>Dispose()</c> and <c>DisposeAsync()</c>, inherited ones included.</summary>
        public IEnumerable<IMethodSymbol> DisposalOf(INamedTypeSymbol type)
        {
            foreach (var contract in new[] { _disposable, _asyncDisposable })
            {
                var member = contract?.GetMembers().OfType<IMethodSymbol>().FirstOrDefault();
                if (member != null && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                {
                    yield return implementation;
                }
            }
        }

        private PoolApi? ClassifyLibraryOrConvention(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return null;
            }

            if (Same(type, _arrayPool))
            {
                return ByName(method.Name, ResourceKind.Buffer, ResourceBinding.Result, "array", ("Rent", "Return"));
            }

            if (DerivesFrom(type, _objectPool))
            {
                return ByName(method.Name, ResourceKind.PooledObject, ResourceBinding.Result, "object", ("Get", "Return"));
            }

            if (Same(type, _semaphoreSlim))
            {
                return ByName(method.Name, ResourceKind.Lock, ResourceBinding.Receiver, "semaphore", ("Wait", "Release"), ("WaitAsync", "Release"));
            }

            if (Same(type, _monitor))
            {
                if ((method.Name == "Enter" || method.Name == "TryEnter") && HasRefBoolParameter(method))
                {
                    return new PoolApi(Role.Acquire, ResourceKind.Lock, ResourceBinding.FirstArgument, "monitor", usesTakenFlag: true);
                }

                return ByName(method.Name, ResourceKind.Lock, ResourceBinding.FirstArgument, "monitor", ("Enter", "Exit"), ("TryEnter", "Exit"));
            }

            if (Same(type, _readerWriterLockSlim))
            {
                return ByName(method.Name, ResourceKind.Lock, ResourceBinding.Receiver, null,
                    ("EnterReadLock", "ExitReadLock"), ("TryEnterReadLock", "ExitReadLock"),
                    ("EnterWriteLock", "ExitWriteLock"), ("TryEnterWriteLock", "ExitWriteLock"),
                    ("EnterUpgradeableReadLock", "ExitUpgradeableReadLock"), ("TryEnterUpgradeableReadLock", "ExitUpgradeableReadLock"));
            }

            if (Same(type, _mutex))
            {
                return method.Name == "ReleaseMutex" ? new PoolApi(Role.Release, ResourceKind.Lock, ResourceBinding.Receiver, "mutex") : null;
            }

            if (Same(type, _lock))
            {
                return ByName(method.Name, ResourceKind.Lock, ResourceBinding.Receiver, "lock", ("Enter", "Exit"), ("TryEnter", "Exit"));
            }

            return PoolShapes.Classify(method);
        }

        /// <summary>Pair key: the fixed key, or else the release name (so EnterReadLock pairs with ExitReadLock only).</summary>
        private static PoolApi? ByName(string name, ResourceKind kind, ResourceBinding binding, string? key, params (string Acquire, string Release)[] pairs)
        {
            foreach (var (acquire, release) in pairs)
            {
                if (name == acquire)
                {
                    return new PoolApi(Role.Acquire, kind, binding, key ?? release);
                }

                if (name == release)
                {
                    return new PoolApi(Role.Release, kind, binding, key ?? release);
                }
            }

            return null;
        }

        private Role LibraryRoleOf(IMethodSymbol method) => _libraryRoleCache.GetOrAdd(method, m => ClassifyRole(m));

        private Role ClassifyRole(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return Role.None;
            }

            if (IsTelemetryType(type) || HasAttribute(method, _loggerMessageAttribute) || ExtendsTelemetry(method))
            {
                return Role.Telemetry;
            }

            var role = Role.None;
            foreach (var word in Words(MethodNames.WithoutAsyncSuffix(method.Name)))
            {
                if (Array.IndexOf(SettlementVerbs, word) >= 0)
                {
                    return Role.DependentUse;
                }

                if (Array.IndexOf(IoVerbs, word) >= 0)
                {
                    role = Role.DependentIo;
                }
            }

            return role;
        }

        /// <summary>A project's own logging extension (<c>_logger.LogConsumerTrace(this, "…")</c> on its logger type).</summary>
        private bool ExtendsTelemetry(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            return definition.IsExtensionMethod && definition.Parameters.Length > 0
                   && definition.Parameters[0].Type is INamedTypeSymbol extended && IsTelemetryType(extended.OriginalDefinition);
        }

        private bool IsTelemetryType(INamedTypeSymbol type)
        {
            if (Same(type, _logger) || Implements(type, _logger) || Same(type, _loggerExtensions) || Same(type, _console) || Same(type, _debug) || Same(type, _trace))
            {
                return true;
            }

            if (type.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.Metrics")
            {
                return true;
            }

            // In-house loggers and meters (log4net's ILog, Serilog's ILogger, a MetricsClient ...).
            var name = type.Name;
            return name.EndsWith("Logger", StringComparison.Ordinal) || name.EndsWith("Log", StringComparison.Ordinal)
                || name.EndsWith("Metrics", StringComparison.Ordinal) || name.EndsWith("Meter", StringComparison.Ordinal);
        }

        /// <summary>PascalCase words: BasicAckAsync → Basic, Ack, Async.</summary>
        private static System.Collections.Generic.IEnumerable<string> Words(string name)
        {
            var start = 0;
            for (var i = 1; i <= name.Length; i++)
            {
                if (i == name.Length || char.IsUpper(name[i]) || name[i] == '_')
                {
                    if (i > start)
                    {
                        yield return name.Substring(start, i - start).Trim('_');
                    }

                    start = i;
                }
            }
        }

        private static bool HasRefBoolParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Ref && parameter.Type.SpecialType == SpecialType.System_Boolean)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol? attribute)
        {
            if (attribute == null)
            {
                return false;
            }

            foreach (var data in method.GetAttributes())
            {
                if (Same(data.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Namespaces whose abstract methods are no in-house repository or handler (loggers write, collections add).</summary>
        private static readonly string[] LibraryNamespaces = { "System", "Microsoft", "Serilog", "NLog", "log4net" };

        /// <summary>
        /// An interface or abstract method of an in-house type: where the compilation has no body for it, its name is
        /// all there is to go on (a repository or handler whose implementation lives in another project).
        /// </summary>
        internal static bool IsInHouseAbstraction(IMethodSymbol method)
        {
            if (!(method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface))
            {
                return false;
            }

            var ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            foreach (var library in LibraryNamespaces)
            {
                if (ns == library || ns.StartsWith(library + ".", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True for <c>System.Threading.SemaphoreSlim</c>, whose instances are locks or signals depending on how they are made.</summary>
        public bool IsSemaphoreSlim(ITypeSymbol? type) => Same(type, _semaphoreSlim);

        /// <summary>
        /// <c>semaphore.Wait()</c> / <c>WaitAsync()</c> with no token and no timeout can be neither cancelled nor
        /// timed out: it returns once the slot is taken (only a disposed semaphore throws, and then so does its release).
        /// </summary>
        public bool IsUnfailingSemaphoreWait(IInvocationOperation call)
        {
            if (!IsSemaphoreSlim(call.TargetMethod.ContainingType) || (call.TargetMethod.Name != "Wait" && call.TargetMethod.Name != "WaitAsync"))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Same(ITypeSymbol? a, ITypeSymbol? b) => a != null && b != null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Same(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType) => DerivesFrom(type, baseType);

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol? iface)
        {
            if (iface == null)
            {
                return false;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (Same(candidate, iface))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
