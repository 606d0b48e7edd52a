using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow.Gating;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// The source methods a call of an interface, abstract or virtual method can run: its implementations and
    /// overrides in the compilation. Only for methods declared in source: a library's <c>Dispose</c> or
    /// <c>ToString</c> is implemented everywhere and says nothing about the call. Found through the index of
    /// method declarations by name, so only same-named methods are bound; memoized per method.
    /// </summary>
    internal sealed class Implementations
    {
        private readonly Compilation _compilation;
        private readonly Func<SyntaxTree, SemanticModel> _modelOf;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _byMethod =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);

        public Implementations(Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf)
        {
            _compilation = compilation;
            _modelOf = modelOf;
        }

        public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.IsEmpty || !(method.IsAbstract || method.IsVirtual || method.IsOverride || IsInterfaceMember(method)))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            return _byMethod.GetOrAdd(method, Find);
        }

        /// <summary>
        /// The implementations and overrides in this compilation's source of a method declared elsewhere (another
        /// project of a solution, seen here as metadata). Not memoized: race-audit asks once per method.
        /// </summary>
        public ImmutableArray<IMethodSymbol> InSourceOf(IMethodSymbol method)
            => method.IsAbstract || method.IsVirtual || IsInterfaceMember(method) ? Find(method) : ImmutableArray<IMethodSymbol>.Empty;

        private ImmutableArray<IMethodSymbol> Find(IMethodSymbol method)
        {
            var found = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var declaration in MethodDeclarations.Of(_compilation).Named(method.Name))
            {
                if (_modelOf(declaration.SyntaxTree).GetDeclaredSymbol(declaration) is IMethodSymbol candidate
                    && !SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method) && Implements(candidate, method))
                {
                    found.Add(candidate);
                }
            }

            return found.ToImmutable();
        }

        private static bool IsInterfaceMember(IMethodSymbol method) => method.ContainingType?.TypeKind == TypeKind.Interface;

        private static bool Implements(IMethodSymbol candidate, IMethodSymbol method)
        {
            if (IsInterfaceMember(method))
            {
                var type = candidate.ContainingType;
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, method.ContainingType.OriginalDefinition)
                        && type.FindImplementationForInterfaceMember(SubstitutedMember(implemented, method)) is IMethodSymbol implementation
                        && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, candidate.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var overridden = candidate.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The interface member as a member of the constructed interface the type implements (<c>IRepo&lt;Order&gt;.Save</c>).</summary>
        private static ISymbol SubstitutedMember(INamedTypeSymbol implemented, IMethodSymbol method)
        {
            foreach (var member in implemented.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, method))
                {
                    return member;
                }
            }

            return method;
        }
    }
}
