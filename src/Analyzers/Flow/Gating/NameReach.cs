using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Gating
{
    /// <summary>
    /// Whether a code block can reach a call whose name passes a test, itself or through the source methods it
    /// calls, up to a call depth: by simple names on syntax, before anything is bound. An over-approximation
    /// (every method of a called name counts, whatever its type), so a false answer is safe to skip on.
    /// Per compilation and test; memoized per (name, depth), and depth-bounded, so recursion ends.
    /// </summary>
    internal sealed class NameReach
    {
        private readonly Compilation _compilation;
        private MethodDeclarations? _declarations;
        private readonly Func<string, bool> _isTarget;
        private readonly Func<SyntaxNode, bool>? _blockHasTarget;
        private readonly ConcurrentDictionary<(string Name, int Depth), bool> _byName = new ConcurrentDictionary<(string, int), bool>();
        private readonly ConcurrentDictionary<string, bool> _constructorHasTarget = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <param name="blockHasTarget">A further syntax test on each block, for targets that are not calls (a <c>lock</c> statement).</param>
        public NameReach(Compilation compilation, Func<string, bool> isTarget, Func<SyntaxNode, bool>? blockHasTarget = null)
        {
            _compilation = compilation;
            _isTarget = isTarget;
            _blockHasTarget = blockHasTarget;
        }

        /// <summary>True when <paramref name="block"/> invokes a target, or a source method that does within <paramref name="depth"/> more calls.</summary>
        public bool Reaches(SyntaxNode block, int depth)
        {
            var names = InvokedNames.Of(block);
            if (names.Any(_isTarget) || (_blockHasTarget != null && _blockHasTarget(block)))
            {
                return true;
            }

            foreach (var type in names.CreatedTypes)
            {
                if (_constructorHasTarget.GetOrAdd(type, ConstructorHasTarget))
                {
                    return true;
                }
            }

            if (depth <= 0)
            {
                return false;
            }

            foreach (var name in names.Names)
            {
                if (_byName.GetOrAdd((name, depth - 1), key => AnyMethodNamedReaches(key.Name, key.Depth)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A constructor the block runs with <c>new T(…)</c> is read as part of it (a releaser that takes its lock
        /// where it is made): its own calls, not followed further, so that no depth is spent and no cycle is possible.
        /// </summary>
        private bool ConstructorHasTarget(string typeName)
        {
            _declarations ??= MethodDeclarations.Of(_compilation);
            foreach (var constructor in _declarations.ConstructorsOf(typeName))
            {
                if (InvokedNames.Of(constructor).Any(_isTarget) || (_blockHasTarget != null && _blockHasTarget(constructor)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool AnyMethodNamedReaches(string name, int depth)
        {
            // Built on first need: rules that look at a body's own calls only (depth 0) never pay for it.
            _declarations ??= MethodDeclarations.Of(_compilation);
            foreach (var declaration in _declarations.Named(name))
            {
                if (Reaches(declaration, depth))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
