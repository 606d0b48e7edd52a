using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>
    /// <c>Compilation.GetTypeByMetadataName</c>, with what the referenced assemblies answer kept across compilations
    /// that reference the same assembly symbols. The IDE makes a new compilation after every keystroke (and the
    /// analyzer driver a copy of each), Roslyn keeps its answers per compilation, and a lookup searches every
    /// reference: on the bench base (184 references) the package's 28 lookups cost 1.6 ms per compilation, a fifth of
    /// what the analyzers add to a keystroke. A compilation's own source is asked every time, because a type declared
    /// there wins over the references' (as in Roslyn) and source changes between keystrokes.
    /// </summary>
    internal static class MetadataTypes
    {
        // Reference sets in use are few (one per project configuration); held weakly, so a closed solution's
        // assemblies are not kept alive by this cache.
        private const int KeptReferenceSets = 8;

        private static readonly List<ReferenceSet> Recent = new List<ReferenceSet>();
        private static readonly ConditionalWeakTable<Compilation, ReferenceSet> ByCompilation = new ConditionalWeakTable<Compilation, ReferenceSet>();
        private static readonly ConditionalWeakTable<Compilation, ReferenceSet>.CreateValueCallback FindSet = SetOf;

        /// <summary>What <c>compilation.GetTypeByMetadataName(metadataName)</c> returns.</summary>
        public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
        {
            if (compilation.Assembly.GetTypeByMetadataName(metadataName) is { } declared)
            {
                return declared;
            }

            var set = ByCompilation.GetValue(compilation, FindSet);
            if (set.Types.TryGetValue(metadataName, out var known))
            {
                if (known == null)
                {
                    return null;
                }

                if (known.TryGetTarget(out var type))
                {
                    return type;
                }
            }

            // Not in source (checked above), so this is the references' answer: the one type among them, or none
            // when no reference has it or two do.
            var found = compilation.GetTypeByMetadataName(metadataName);
            set.Types[metadataName] = found == null ? null : new WeakReference<INamedTypeSymbol>(found);
            return found;
        }

        private static ReferenceSet SetOf(Compilation compilation)
        {
            var references = compilation.SourceModule.ReferencedAssemblySymbols;
            lock (Recent)
            {
                foreach (var set in Recent)
                {
                    if (set.Matches(compilation.Options, references))
                    {
                        return set;
                    }
                }

                var added = new ReferenceSet(compilation.Options, references);
                Recent.Insert(0, added);
                if (Recent.Count > KeptReferenceSets)
                {
                    Recent.RemoveAt(Recent.Count - 1);
                }

                return added;
            }
        }

        /// <summary>The referenced assemblies of some compilations, and what they answered by metadata name.</summary>
        private sealed class ReferenceSet
        {
            private readonly WeakReference<CompilationOptions> _options;
            private readonly WeakReference<IAssemblySymbol>[] _references;

            public ReferenceSet(CompilationOptions options, ImmutableArray<IAssemblySymbol> references)
            {
                _options = new WeakReference<CompilationOptions>(options);
                _references = new WeakReference<IAssemblySymbol>[references.Length];
                for (var i = 0; i < references.Length; i++)
                {
                    _references[i] = new WeakReference<IAssemblySymbol>(references[i]);
                }
            }

            /// <summary>Null where no reference (or more than one) has the type.</summary>
            public ConcurrentDictionary<string, WeakReference<INamedTypeSymbol>?> Types { get; } =
                new ConcurrentDictionary<string, WeakReference<INamedTypeSymbol>?>(StringComparer.Ordinal);

            /// <summary>
            /// The same assembly symbols in the same order, and the same options (they decide, among other things, how
            /// duplicates of core library types are resolved).
            /// </summary>
            public bool Matches(CompilationOptions options, ImmutableArray<IAssemblySymbol> references)
            {
                if (references.Length != _references.Length || !_options.TryGetTarget(out var known) || !ReferenceEquals(known, options))
                {
                    return false;
                }

                for (var i = 0; i < references.Length; i++)
                {
                    if (!_references[i].TryGetTarget(out var reference) || !ReferenceEquals(reference, references[i]))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
