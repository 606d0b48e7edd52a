using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The source method declarations of a compilation by simple name, read from syntax (<see cref="TreeDeclarations"/>
    /// per tree). <see cref="NameReach"/> asks it "which methods could this invoked name be?" thousands of times per
    /// build; <c>Compilation.GetSymbolsWithName</c> answers by walking the whole declaration table each time
    /// (bench/README.md has what that cost).
    /// Incremental: the trees are merged into a <see cref="Snapshot"/> once, and a later compilation that differs from
    /// it in a few trees (the IDE's next keystroke) reads the snapshot, minus the trees it no longer has, plus its own
    /// new ones. Everything held is a fact of one tree's syntax, so nothing read through a snapshot can be stale.
    /// </summary>
    internal sealed class MethodDeclarations
    {
        /// <summary>More changed trees than this and a compilation merges a snapshot of its own.</summary>
        private const int MaxChangedTrees = 16;

        private const int RecentSnapshots = 4;

        private static readonly ConditionalWeakTable<Compilation, Lazy<MethodDeclarations>> ByCompilation =
            new ConditionalWeakTable<Compilation, Lazy<MethodDeclarations>>();

        // Held strongly, the last few: the compilation an analysis reads is the driver's own copy and is gone before the
        // next keystroke's, so a snapshot held only through it went at the next full collection, and each keystroke
        // merged every tree again (about 10 ms per edit on the 200k-line bench base). Bounded, so a process that opens
        // other solutions keeps at most this many indexes of trees it no longer analyzes.
        private static readonly List<Snapshot> Recent = new List<Snapshot>();

        private static readonly IReadOnlyList<DeclaredName> NoneDeclared = new DeclaredName[0];
        private static readonly IReadOnlyList<SyntaxNode> None = new SyntaxNode[0];

        private readonly Snapshot _snapshot;
        private readonly HashSet<SyntaxTree> _removed;
        private readonly List<TreeDeclarations> _added;
        private readonly ConcurrentDictionary<string, IReadOnlyList<DeclaredName>> _changedNames = new ConcurrentDictionary<string, IReadOnlyList<DeclaredName>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyList<SyntaxNode>> _nodes = new ConcurrentDictionary<string, IReadOnlyList<SyntaxNode>>(StringComparer.Ordinal);

        private MethodDeclarations(Snapshot snapshot, HashSet<SyntaxTree> removed, List<TreeDeclarations> added)
        {
            _snapshot = snapshot;
            _removed = removed;
            _added = added;
        }

        public static MethodDeclarations Of(Compilation compilation)
            => ByCompilation.GetValue(compilation, c => new Lazy<MethodDeclarations>(() => Create(c))).Value;

        /// <summary>Every method declared in source with this simple name, whatever its type (partial parts included).</summary>
        public IReadOnlyList<SyntaxNode> Named(string name) => _nodes.GetOrAdd(name, n =>
        {
            var declared = Declared(n);
            if (declared.Count == 0)
            {
                return None;
            }

            var nodes = new List<SyntaxNode>();
            foreach (var part in declared)
            {
                nodes.AddRange(part.Declarations);
            }

            return nodes;
        });

        /// <summary>Every constructor declared in source for a type of this simple name.</summary>
        public IReadOnlyList<SyntaxNode> ConstructorsOf(string typeName) => Named(TreeDeclarations.ConstructorKey + typeName);

        /// <summary>The declarations of this simple name, one entry per tree that has any.</summary>
        public IReadOnlyList<DeclaredName> Declared(string name)
            => IsChanged(name) ? _changedNames.GetOrAdd(name, Merge) : _snapshot.Declared(name);

        /// <summary>The distinct simple names the methods of this name invoke, over every tree.</summary>
        public string[] InvokedBy(string name)
            => IsChanged(name) ? InvokedBy(Declared(name)) : _snapshot.InvokedBy(name);

        /// <summary>True when some method of this name passes the syntax test.</summary>
        public bool AnyPasses(string name, Func<SyntaxNode, bool> test)
            => IsChanged(name) ? AnyPasses(Declared(name), test) : _snapshot.AnyPasses(name, test);

        /// <summary>True when a tree this compilation changed against its snapshot declares the name.</summary>
        private bool IsChanged(string name)
        {
            foreach (var tree in _removed)
            {
                if (TreeDeclarations.Of(tree).ByName.ContainsKey(name))
                {
                    return true;
                }
            }

            foreach (var added in _added)
            {
                if (added.ByName.ContainsKey(name))
                {
                    return true;
                }
            }

            return false;
        }

        private IReadOnlyList<DeclaredName> Merge(string name)
        {
            var merged = new List<DeclaredName>();
            foreach (var (tree, declared) in _snapshot.Entries(name))
            {
                if (!_removed.Contains(tree))
                {
                    merged.Add(declared);
                }
            }

            foreach (var added in _added)
            {
                if (added.ByName.TryGetValue(name, out var declared))
                {
                    merged.Add(declared);
                }
            }

            return merged;
        }

        private static string[] InvokedBy(IReadOnlyList<DeclaredName> declared)
        {
            if (declared.Count == 1)
            {
                return declared[0].Invoked;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in declared)
            {
                names.UnionWith(part.Invoked);
            }

            var invoked = new string[names.Count];
            names.CopyTo(invoked);
            return invoked;
        }

        private static bool AnyPasses(IReadOnlyList<DeclaredName> declared, Func<SyntaxNode, bool> test)
        {
            foreach (var part in declared)
            {
                if (part.AnyPasses(test))
                {
                    return true;
                }
            }

            return false;
        }

        private static MethodDeclarations Create(Compilation compilation)
        {
            var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
            lock (Recent)
            {
                foreach (var snapshot in Recent)
                {
                    if (snapshot.Differences(trees) is { } changed)
                    {
                        return new MethodDeclarations(snapshot, changed.Removed, changed.Added);
                    }
                }
            }

            var fresh = new Snapshot(trees);
            lock (Recent)
            {
                if (Recent.Count == RecentSnapshots)
                {
                    Recent.RemoveAt(0);
                }

                Recent.Add(fresh);
            }

            return new MethodDeclarations(fresh, new HashSet<SyntaxTree>(), new List<TreeDeclarations>());
        }

        /// <summary>
        /// The declarations of a set of trees merged by name, with what the name gates ask of each name memoized:
        /// every answer is a fact of these trees' syntax alone.
        /// </summary>
        private sealed class Snapshot
        {
            private readonly HashSet<SyntaxTree> _trees;
            private readonly Dictionary<string, List<(SyntaxTree Tree, DeclaredName Declared)>> _byName =
                new Dictionary<string, List<(SyntaxTree, DeclaredName)>>(StringComparer.Ordinal);

            private readonly ConcurrentDictionary<string, IReadOnlyList<DeclaredName>> _declared = new ConcurrentDictionary<string, IReadOnlyList<DeclaredName>>(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<string, string[]> _invoked = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<(string Name, Func<SyntaxNode, bool> Test), bool> _passes = new ConcurrentDictionary<(string, Func<SyntaxNode, bool>), bool>();

            public Snapshot(List<SyntaxTree> trees)
            {
                _trees = new HashSet<SyntaxTree>(trees);
                foreach (var tree in trees)
                {
                    foreach (var pair in TreeDeclarations.Of(tree).ByName)
                    {
                        if (!_byName.TryGetValue(pair.Key, out var entries))
                        {
                            _byName[pair.Key] = entries = new List<(SyntaxTree, DeclaredName)>(1);
                        }

                        entries.Add((tree, pair.Value));
                    }
                }
            }

            public IEnumerable<(SyntaxTree Tree, DeclaredName Declared)> Entries(string name)
                => _byName.TryGetValue(name, out var entries) ? entries : (IEnumerable<(SyntaxTree, DeclaredName)>)Array.Empty<(SyntaxTree, DeclaredName)>();

            public IReadOnlyList<DeclaredName> Declared(string name) => _declared.GetOrAdd(name, n =>
            {
                if (!_byName.TryGetValue(n, out var entries))
                {
                    return NoneDeclared;
                }

                var declared = new DeclaredName[entries.Count];
                for (var i = 0; i < declared.Length; i++)
                {
                    declared[i] = entries[i].Declared;
                }

                return declared;
            });

            public string[] InvokedBy(string name) => _invoked.GetOrAdd(name, n => MethodDeclarations.InvokedBy(Declared(n)));

            public bool AnyPasses(string name, Func<SyntaxNode, bool> test) => _passes.GetOrAdd((name, test), key => MethodDeclarations.AnyPasses(Declared(key.Name), key.Test));

            /// <summary>
            /// The snapshot's trees that <paramref name="trees"/> lacks and the trees it adds, or null when they differ
            /// in more than <see cref="MaxChangedTrees"/> or share fewer trees than they change.
            /// </summary>
            public (HashSet<SyntaxTree> Removed, List<TreeDeclarations> Added)? Differences(List<SyntaxTree> trees)
            {
                var added = new List<TreeDeclarations>();
                var kept = 0;
                foreach (var tree in trees)
                {
                    if (_trees.Contains(tree))
                    {
                        kept++;
                    }
                    else if (added.Count == MaxChangedTrees)
                    {
                        return null;
                    }
                    else
                    {
                        added.Add(TreeDeclarations.Of(tree));
                    }
                }

                var removedCount = _trees.Count - kept;
                if (removedCount > MaxChangedTrees || removedCount + added.Count > kept)
                {
                    return null;
                }

                var removed = new HashSet<SyntaxTree>();
                if (removedCount > 0)
                {
                    removed.UnionWith(_trees);
                    removed.ExceptWith(trees);
                }

                return (removed, added);
            }
        }
    }
}
