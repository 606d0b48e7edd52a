using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// The BCL types every layer asks about, resolved once per compilation by metadata name (null when the
    /// compilation does not have one). Rules and the engine ask these instead of comparing type names.
    /// </summary>
    internal sealed class WellKnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> PerCompilation = new ConditionalWeakTable<Compilation, WellKnownTypes>();

        private WellKnownTypes(Compilation compilation)
        {
            TaskCompletionSource = MetadataTypes.Find(compilation, "System.Threading.Tasks.TaskCompletionSource");
            TaskCompletionSourceOfResult = MetadataTypes.Find(compilation, "System.Threading.Tasks.TaskCompletionSource`1");
            Disposable = MetadataTypes.Find(compilation, "System.IDisposable");
            AsyncDisposable = MetadataTypes.Find(compilation, "System.IAsyncDisposable");
        }

        public static WellKnownTypes For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new WellKnownTypes(c));

        public INamedTypeSymbol? TaskCompletionSource { get; }
        public INamedTypeSymbol? TaskCompletionSourceOfResult { get; }
        public INamedTypeSymbol? Disposable { get; }
        public INamedTypeSymbol? AsyncDisposable { get; }

        public bool IsTaskCompletionSource(ITypeSymbol? type) => Is(type, TaskCompletionSource) || Is(type, TaskCompletionSourceOfResult);

        public bool IsDisposableInterface(ITypeSymbol? type) => Is(type, Disposable) || Is(type, AsyncDisposable);

        /// <summary>The type itself, or a type it implements, is <c>IDisposable</c> or <c>IAsyncDisposable</c>.</summary>
        public bool IsDisposable(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            if (IsDisposableInterface(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsDisposableInterface(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A value whose identity callers rely on, so two racing callers each keeping their own copy is a loss: a
        /// synchronization primitive (System.Threading), a task completion source, anything disposable.
        /// </summary>
        public bool HasIdentity(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns == "System.Threading" || ns.StartsWith("System.Threading.", System.StringComparison.Ordinal)
                   || IsTaskCompletionSource(type) || IsDisposable(type);
        }

        /// <summary>
        /// For code that holds a symbol but no compilation: <c>System.Threading.Tasks.Task</c> / <c>ValueTask</c>
        /// (<paramref name="withResult"/> false) or <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c> (true), by full metadata identity.
        /// </summary>
        public static bool IsTaskType(ITypeSymbol? type, bool withResult)
            => type is INamedTypeSymbol named && (named.Name == "Task" || named.Name == "ValueTask") && named.Arity == (withResult ? 1 : 0)
               && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary><c>Nullable&lt;T&gt;.HasValue</c>.</summary>
        public static bool IsNullableHasValue(IPropertySymbol property)
            => property.Name == "HasValue" && property.ContainingType?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        /// <summary>Same type, or a construction of the generic definition <paramref name="known"/>.</summary>
        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
            => type != null && known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }
}
