using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// The source method declarations of a compilation by simple name, read from syntax (namespaces and type
    /// bodies only, never method bodies). <see cref="NameReach"/> asks it "which methods could this invoked name
    /// be?" thousands of times per build; <c>Compilation.GetSymbolsWithName</c> answers by walking the whole
    /// declaration table each time (bench/README.md has what that cost).
    /// </summary>
    internal sealed class MethodDeclarations
    {
        // Per tree first (trees outlive compilations: the IDE makes a new compilation per keystroke and reuses
        // every unchanged tree), merged once per compilation. Lazy, so that rules asking at the same moment on
        // different threads wait for one walk instead of each making its own.
        private static readonly ConditionalWeakTable<SyntaxTree, Lazy<Dictionary<string, List<SyntaxNode>>>> ByTree =
            new ConditionalWeakTable<SyntaxTree, Lazy<Dictionary<string, List<SyntaxNode>>>>();

        private static readonly ConditionalWeakTable<Compilation, Lazy<MethodDeclarations>> ByCompilation =
            new ConditionalWeakTable<Compilation, Lazy<MethodDeclarations>>();

        private static readonly List<SyntaxNode> None = new List<SyntaxNode>();

        private readonly Dictionary<string, List<SyntaxNode>> _byName;

        private MethodDeclarations(Dictionary<string, List<SyntaxNode>> byName) => _byName = byName;

        public static MethodDeclarations Of(Compilation compilation)
            => ByCompilation.GetValue(compilation, c => new Lazy<MethodDeclarations>(() => Merge(c))).Value;

        /// <summary>Every method declared in source with this simple name, whatever its type (partial parts included).</summary>
        public IReadOnlyList<SyntaxNode> Named(string name) => _byName.TryGetValue(name, out var found) ? found : None;

        /// <summary>Every constructor declared in source for a type of this simple name.</summary>
        public IReadOnlyList<SyntaxNode> ConstructorsOf(string typeName) => Named(ConstructorKey + typeName);

        // No method can be named this: constructors share the table without meeting a method's name.
        private const string ConstructorKey = ".ctor ";

        private static MethodDeclarations Merge(Compilation compilation)
        {
            var merged = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var pair in ByTree.GetValue(tree, t => new Lazy<Dictionary<string, List<SyntaxNode>>>(() => Collect(t))).Value)
                {
                    if (!merged.TryGetValue(pair.Key, out var all))
                    {
                        merged[pair.Key] = all = new List<SyntaxNode>(pair.Value.Count);
                    }

                    all.AddRange(pair.Value);
                }
            }

            return new MethodDeclarations(merged);
        }

        private static Dictionary<string, List<SyntaxNode>> Collect(SyntaxTree tree)
        {
            var byName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
            var pending = new Stack<SyntaxNode>();
            pending.Push(tree.GetRoot());
            while (pending.Count > 0)
            {
                foreach (var child in pending.Pop().ChildNodes())
                {
                    if (child is MethodDeclarationSyntax || child is ConstructorDeclarationSyntax)
                    {
                        var name = child is MethodDeclarationSyntax method ? method.Identifier.ValueText : ConstructorKey + ((ConstructorDeclarationSyntax)child).Identifier.ValueText;
                        if (!byName.TryGetValue(name, out var list))
                        {
                            byName[name] = list = new List<SyntaxNode>(1);
                        }

                        list.Add(child);
                    }
                    else if (child is BaseNamespaceDeclarationSyntax || child is TypeDeclarationSyntax)
                    {
                        // Type declarations include records and, on newer compilers, C# 14 extension blocks.
                        pending.Push(child);
                    }
                }
            }

            return byName;
        }
    }
}
