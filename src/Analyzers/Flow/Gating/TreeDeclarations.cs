using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The method declarations of one syntax tree by simple name (constructors under <see cref="ConstructorKey"/> and their type's name), read from syntax (namespaces and type bodies only,
    /// never method bodies), and what each name's declarations invoke. Facts of the tree alone, so they hang off the
    /// tree, weakly: the IDE makes a new compilation per keystroke and reuses every unchanged tree.
    /// </summary>
    internal sealed class TreeDeclarations
    {
        // Lazy, so that rules asking at the same moment on different threads wait for one walk instead of each making their own.
        private static readonly ConditionalWeakTable<SyntaxTree, Lazy<TreeDeclarations>> ByTree = new ConditionalWeakTable<SyntaxTree, Lazy<TreeDeclarations>>();

        private TreeDeclarations(SyntaxTree tree, Dictionary<string, DeclaredName> byName)
        {
            Tree = tree;
            ByName = byName;
        }

        // No method can be named this: constructors share the table without meeting a method's name.
        public const string ConstructorKey = ".ctor ";

        public SyntaxTree Tree { get; }

        public Dictionary<string, DeclaredName> ByName { get; }

        public static TreeDeclarations Of(SyntaxTree tree) => ByTree.GetValue(tree, t => new Lazy<TreeDeclarations>(() => Collect(t))).Value;

        private static TreeDeclarations Collect(SyntaxTree tree)
        {
            var byName = new Dictionary<string, DeclaredName>(StringComparer.Ordinal);
            var pending = new Stack<SyntaxNode>();
            pending.Push(tree.GetRoot());
            while (pending.Count > 0)
            {
                foreach (var child in pending.Pop().ChildNodes())
                {
                    if (child is MethodDeclarationSyntax || child is ConstructorDeclarationSyntax)
                    {
                        var name = child is MethodDeclarationSyntax method ? method.Identifier.ValueText : ConstructorKey + ((ConstructorDeclarationSyntax)child).Identifier.ValueText;
                        if (!byName.TryGetValue(name, out var declared))
                        {
                            byName[name] = declared = new DeclaredName();
                        }

                        declared.Declarations.Add(child);
                    }
                    else if (child is BaseNamespaceDeclarationSyntax || child is TypeDeclarationSyntax)
                    {
                        // Type declarations include records and, on newer compilers, C# 14 extension blocks.
                        pending.Push(child);
                    }
                }
            }

            return new TreeDeclarations(tree, byName);
        }
    }

    /// <summary>The declarations of one simple name in one tree, and the syntax facts the name gates ask of them.</summary>
    internal sealed class DeclaredName
    {
        private string[]? _invoked;
        private string[]? _created;
        // Made on first need: most names are never asked about.
        private ConcurrentDictionary<Func<SyntaxNode, bool>, bool>? _passes;

        public List<SyntaxNode> Declarations { get; } = new List<SyntaxNode>(1);

        /// <summary>The distinct simple names the declarations invoke.</summary>
        public string[] Invoked => _invoked ??= Distinct(names => names.Names);

        /// <summary>The distinct simple names of the types the declarations create with <c>new T(…)</c>.</summary>
        public string[] Created => _created ??= Distinct(names => names.CreatedTypes);

        // Racing threads may each build the array; they build the same one, and a reference write is atomic.
        private string[] Distinct(Func<InvokedNames, IEnumerable<string>> read)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declaration in Declarations)
            {
                names.UnionWith(read(InvokedNames.Of(declaration)));
            }

            var distinct = new string[names.Count];
            names.CopyTo(distinct);
            return distinct;
        }

        /// <summary>True when some declaration passes <paramref name="test"/>, a syntax test (asked once per test).</summary>
        public bool AnyPasses(Func<SyntaxNode, bool> test)
            => LazyInitializer.EnsureInitialized(ref _passes, () => new ConcurrentDictionary<Func<SyntaxNode, bool>, bool>())!.GetOrAdd(test, t => Declarations.Exists(d => t(d)));
    }
}
