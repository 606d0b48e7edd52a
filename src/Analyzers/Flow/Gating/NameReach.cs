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
        private readonly Func<SyntaxNode, bool>? _blockHasTargetInCompilation;
        private readonly Func<(string Name, int Depth), bool> _anyMethodNamedReaches;
        private readonly ConcurrentDictionary<(string Name, int Depth), bool> _byName = new ConcurrentDictionary<(string, int), bool>();
        private readonly ConcurrentDictionary<string, bool> _constructorHasTarget = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly Func<string, bool> _constructorHasTargetOf;

        /// <param name="blockHasTarget">A further syntax test on each block, for targets that are not calls (a <c>lock</c> statement); its answers are kept with the tree.</param>
        /// <param name="blockHasTargetInCompilation">A block test whose answer depends on other trees too (events subscribed elsewhere); asked per compilation, never kept with a tree.</param>
        public NameReach(Compilation compilation, Func<string, bool> isTarget, Func<SyntaxNode, bool>? blockHasTarget = null, Func<SyntaxNode, bool>? blockHasTargetInCompilation = null)
        {
            _compilation = compilation;
            _isTarget = isTarget;
            _blockHasTarget = blockHasTarget;
            _blockHasTargetInCompilation = blockHasTargetInCompilation;
            _anyMethodNamedReaches = key => AnyMethodNamedReaches(key.Name, key.Depth);
            _constructorHasTargetOf = ConstructorHasTarget;
        }

        /// <summary>True when <paramref name="block"/> invokes a target, or a source method that does within <paramref name="depth"/> more calls.</summary>
        public bool Reaches(SyntaxNode block, int depth)
        {
            var names = InvokedNames.Of(block);
            if (names.Any(_isTarget) || (_blockHasTarget != null && _blockHasTarget(block)) || (_blockHasTargetInCompilation != null && _blockHasTargetInCompilation(block)))
            {
                return true;
            }

            foreach (var type in names.CreatedTypes)
            {
                if (_constructorHasTarget.GetOrAdd(type, _constructorHasTargetOf))
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
                if (_byName.GetOrAdd((name, depth - 1), _anyMethodNamedReaches))
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
            var key = TreeDeclarations.ConstructorKey + typeName;
            foreach (var called in _declarations.InvokedBy(key))
            {
                if (_isTarget(called))
                {
                    return true;
                }
            }

            return (_blockHasTarget != null && _declarations.AnyPasses(key, _blockHasTarget))
                || (_blockHasTargetInCompilation != null && AnyDeclarationPasses(key, _blockHasTargetInCompilation));
        }

        private bool AnyDeclarationPasses(string name, Func<SyntaxNode, bool> test)
        {
            foreach (var part in _declarations!.Declared(name))
            {
                foreach (var declaration in part.Declarations)
                {
                    if (test(declaration))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool AnyMethodNamedReaches(string name, int depth)
        {
            // Built on first need: rules that look at a body's own calls only (depth 0) never pay for it. What the
            // methods of a name invoke is read once per name over all its declarations, not once per declaration.
            _declarations ??= MethodDeclarations.Of(_compilation);
            var invoked = _declarations.InvokedBy(name);
            foreach (var called in invoked)
            {
                if (_isTarget(called))
                {
                    return true;
                }
            }

            if (_blockHasTarget != null && _declarations.AnyPasses(name, _blockHasTarget))
            {
                return true;
            }

            if (_blockHasTargetInCompilation != null && AnyDeclarationPasses(name, _blockHasTargetInCompilation))
            {
                return true;
            }

            foreach (var part in _declarations.Declared(name))
            {
                foreach (var type in part.Created)
                {
                    if (_constructorHasTarget.GetOrAdd(type, _constructorHasTargetOf))
                    {
                        return true;
                    }
                }
            }

            if (depth <= 0)
            {
                return false;
            }

            foreach (var called in invoked)
            {
                if (_byName.GetOrAdd((called, depth - 1), _anyMethodNamedReaches))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
