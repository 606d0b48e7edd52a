using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Options
{
    /// <summary>
    /// Methods given roles in .editorconfig (<c>race_analyzers.acquire_methods = Ns.Type.Method|M:Ns.Type.Other(System.Int32)</c>).
    /// A name covers every overload; an <c>M:</c> documentation id with a parameter list names that one overload
    /// (compared with <see cref="DocumentationCommentId"/>'s id of the method), and without one, every overload.
    /// Also the words added to the name conventions for methods without a body in the compilation
    /// (<c>race_analyzers.handling_words = Record|Enqueue</c>), and the in-house pools that only save allocations
    /// (<c>race_analyzers.reuse_only_pools = Acme.Text.BuilderPool</c>).
    /// </summary>
    internal sealed class ConfiguredMethods
    {
        public static readonly ConfiguredMethods Empty = new ConfiguredMethods(ImmutableDictionary<string, Role>.Empty, ImmutableDictionary<string, Role>.Empty, Array.Empty<string>(), Array.Empty<string>(), ImmutableHashSet<string>.Empty);

        private readonly ImmutableDictionary<string, Role> _roleByQualifiedName;
        private readonly ImmutableDictionary<string, Role> _roleByDocumentationId;

        // Every invocation in a compilation asks; building qualified names each time would allocate on the hot path.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Role> _roleByMethod =
            new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, Role>(SymbolEqualityComparer.Default);

        private readonly ImmutableHashSet<string> _reuseOnlyPools;

        private ConfiguredMethods(ImmutableDictionary<string, Role> roleByQualifiedName, ImmutableDictionary<string, Role> roleByDocumentationId, string[] handlingWords, string[] readingWords, ImmutableHashSet<string> reuseOnlyPools)
        {
            _roleByQualifiedName = roleByQualifiedName;
            _roleByDocumentationId = roleByDocumentationId;
            HandlingWords = handlingWords;
            ReadingWords = readingWords;
            _reuseOnlyPools = reuseOnlyPools;
        }

        public bool IsEmpty => _roleByQualifiedName.Count == 0 && _roleByDocumentationId.Count == 0;

        /// <summary>Words, beyond the built-in ones, that open the name of a method handling or persisting what it is given.</summary>
        public string[] HandlingWords { get; }

        /// <summary>Words, beyond the built-in ones, that open the name of a method reading current state.</summary>
        public string[] ReadingWords { get; }

        /// <summary>The method names without their types (<c>Ns.Type.Release</c> gives Release), for checks on syntax.</summary>
        public IEnumerable<string> SimpleNames
        {
            get
            {
                foreach (var qualified in _roleByQualifiedName.Keys)
                {
                    yield return qualified.Substring(qualified.LastIndexOf('.') + 1);
                }

                foreach (var id in _roleByDocumentationId.Keys)
                {
                    var qualified = Normalize(id);
                    yield return qualified.Substring(qualified.LastIndexOf('.') + 1);
                }
            }
        }

        /// <summary>
        /// True when the pool type (or a type it derives from) is named as one whose take makes a new object when it is
        /// empty: an object lost to an exception costs a reuse, not a resource.
        /// </summary>
        public bool IsReuseOnlyPool(INamedTypeSymbol? pool)
        {
            if (_reuseOnlyPools.IsEmpty)
            {
                return false;
            }

            for (var type = pool?.OriginalDefinition; type != null; type = type.BaseType?.OriginalDefinition)
            {
                if (_reuseOnlyPools.Contains(TypeName(type)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Parses one method list per role (a later list wins for a name given twice), the two word lists and the reuse-only pools.</summary>
        public static ConfiguredMethods Parse(IEnumerable<(Role Role, string? List)> lists, string? handlingWords = null, string? readingWords = null, string? reuseOnlyPools = null)
        {
            var names = ImmutableDictionary.CreateBuilder<string, Role>(StringComparer.Ordinal);
            var ids = ImmutableDictionary.CreateBuilder<string, Role>(StringComparer.Ordinal);
            foreach (var (role, list) in lists)
            {
                Add(names, ids, list, role);
            }

            var handling = Words(handlingWords);
            var reading = Words(readingWords);
            var pools = string.IsNullOrWhiteSpace(reuseOnlyPools)
                ? ImmutableHashSet<string>.Empty
                : ImmutableHashSet.CreateRange(StringComparer.Ordinal, Entries(reuseOnlyPools!).Select(Normalize));
            return names.Count == 0 && ids.Count == 0 && handling.Length == 0 && reading.Length == 0 && pools.IsEmpty
                ? Empty
                : new ConfiguredMethods(names.ToImmutable(), ids.ToImmutable(), handling, reading, pools);
        }

        /// <summary>Entries that can open a method name: a capital letter, then letters or digits (anything else is left out).</summary>
        private static string[] Words(string? list)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                return Array.Empty<string>();
            }

            var words = new List<string>();
            foreach (var raw in Entries(list!))
            {
                var word = raw.Trim();
                if (word.Length > 0 && char.IsUpper(word[0]) && IsIdentifierWord(word))
                {
                    words.Add(word);
                }
            }

            return words.ToArray();
        }

        private static bool IsIdentifierWord(string word)
        {
            foreach (var c in word)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        public Role RoleOf(IMethodSymbol method)
        {
            return IsEmpty ? Role.None : _roleByMethod.GetOrAdd(method, m => Lookup(m));
        }

        private Role Lookup(IMethodSymbol method)
        {
            for (IMethodSymbol? current = method.OriginalDefinition; current != null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                // One overload named by its documentation id wins over a name that covers them all.
                if (_roleByDocumentationId.Count > 0
                    && DocumentationIdOf(current) is { } id
                    && _roleByDocumentationId.TryGetValue(id, out var overloadRole))
                {
                    return overloadRole;
                }

                if (_roleByQualifiedName.TryGetValue(QualifiedName(current), out var role))
                {
                    return role;
                }
            }

            return Role.None;
        }

        public static string QualifiedName(IMethodSymbol method) => TypeName(method.ContainingType) + "." + method.Name;

        internal static string TypeName(ITypeSymbol type)
        {
            // Namespace.Outer.Inner, without type arguments or arity: what people write.
            var name = type.Name;
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.Name + "." + name;
            }

            var ns = type.ContainingNamespace;
            return ns == null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }

        private static void Add(ImmutableDictionary<string, Role>.Builder names, ImmutableDictionary<string, Role>.Builder ids, string? list, Role role)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                return;
            }

            foreach (var raw in Entries(list!))
            {
                var id = DocumentationId(raw);
                var name = Normalize(raw);
                if (id != null)
                {
                    ids[id] = role;
                }
                else if (name.Length > 0)
                {
                    names[name] = role;
                }
            }
        }

        /// <summary>The method's documentation id as the compiler writes it in XML documentation.</summary>
        internal static string? DocumentationIdOf(IMethodSymbol method)
        {
            var id = DocumentationCommentId.CreateDeclarationId(method);

            // Some compiler versions append the return type (~T) to every method's id; written ids carry it for conversion operators only.
            var tilde = id?.IndexOf('~') ?? -1;
            return tilde >= 0 && method.MethodKind != MethodKind.Conversion ? id!.Substring(0, tilde) : id;
        }

        /// <summary>
        /// The entry as a documentation id when it names one overload (<c>M:Ns.Type.Method(System.Int32)</c>, white
        /// space dropped); null for a method name, or an <c>M:</c> id without a parameter list (every overload).
        /// </summary>
        internal static string? DocumentationId(string raw)
        {
            var entry = raw.Trim();
            if (!entry.StartsWith("M:", StringComparison.Ordinal) || entry.IndexOf('(') < 0)
            {
                return null;
            }

            var builder = new System.Text.StringBuilder(entry.Length);
            foreach (var c in entry)
            {
                if (!char.IsWhiteSpace(c))
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// The entries of a list, separated by '|' or ',' — but not by the commas of a documentation id's parameter
        /// list (<c>M:Acme.Ticker.Follow(System.String,System.Action{System.Int32})</c>). Empty entries are dropped.
        /// </summary>
        internal static IEnumerable<string> Entries(string list)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= list.Length; i++)
            {
                var c = i < list.Length ? list[i] : '|';
                if (c == '(' || c == '{')
                {
                    depth++;
                }
                else if ((c == ')' || c == '}') && depth > 0)
                {
                    depth--;
                }
                else if ((c == '|' || c == ',') && (depth == 0 || i == list.Length))
                {
                    var entry = list.Substring(start, i - start).Trim();
                    if (entry.Length > 0)
                    {
                        yield return entry;
                    }

                    start = i + 1;
                    depth = 0;
                }
            }
        }

        /// <summary>The qualified method name of an entry: <c>M:</c>, the parameter list and generic arity dropped, nested types with '.'.</summary>
        internal static string Normalize(string raw)
        {
            var name = raw.Trim();
            if (name.StartsWith("M:", StringComparison.Ordinal))
            {
                name = name.Substring(2);
            }

            var parameters = name.IndexOf('(');
            if (parameters >= 0)
            {
                name = name.Substring(0, parameters);
            }

            // Doc ids write generic arity as `1 and nested types with '+' in metadata names; accept both spellings.
            var builder = new System.Text.StringBuilder(name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c == '`')
                {
                    while (i + 1 < name.Length && char.IsDigit(name[i + 1]))
                    {
                        i++;
                    }

                    continue;
                }

                builder.Append(c == '+' ? '.' : c);
            }

            return builder.ToString().Trim();
        }
    }
}
