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
            // A generic method as called (GetJobTypeId<OrderJob>) is looked up as declared: Roslyn's implementation
            // lookup throws for a constructed interface method.
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.IsEmpty || !(method.IsAbstract || method.IsVirtual || method.IsOverride || IsInterfaceMember(method)))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            return _byMethod.GetOrAdd(method, Find);
        }

        /// <summary>
        /// Those of <see cref="Of(IMethodSymbol)"/> that an object of static type <paramref name="receiver"/> can
        /// run: declared in that type or a type below it (a class deriving from it, a type implementing that
        /// construction of an interface). A receiver of the method's own declaring type (or none) filters nothing.
        /// </summary>
        public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method, ITypeSymbol? receiver)
        {
            var all = Of(method);
            if (all.IsEmpty || receiver == null || !(receiver is INamedTypeSymbol named)
                || (SymbolEqualityComparer.Default.Equals(named, method.ContainingType) && !named.IsGenericType))
            {
                return all;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>(all.Length);
            foreach (var candidate in all)
            {
                if (IsAtOrBelow(candidate.ContainingType, named))
                {
                    builder.Add(candidate);
                }
            }

            // The override the receiver's type inherits runs too: the nearest one above it.
            if (named.TypeKind == TypeKind.Class && InheritedOverride(all, named) is { } inherited)
            {
                builder.Add(inherited);
            }

            return builder.Count == all.Length ? all : builder.ToImmutable();
        }

        /// <summary>
        /// <paramref name="type"/> is <paramref name="receiver"/> or derives from it (by definition), or implements
        /// that construction of an interface. Where either side is open (<c>IRepo&lt;T&gt;</c>), definitions are compared.
        /// </summary>
        private static bool IsAtOrBelow(INamedTypeSymbol type, INamedTypeSymbol receiver)
        {
            if (receiver.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    var open = ContainsTypeParameters(implemented) || ContainsTypeParameters(receiver);
                    if (open ? SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, receiver.OriginalDefinition)
                             : SymbolEqualityComparer.Default.Equals(implemented, receiver))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, receiver.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// How a receiver type is named for another compilation of the solution: fully qualified with its type
        /// arguments, and its definition's name; null when it filters nothing (none, the method's own declaring
        /// type, or open).
        /// </summary>
        public static (string Constructed, string Definition)? NameAcrossCompilations(ITypeSymbol? receiver, IMethodSymbol method)
            => receiver is INamedTypeSymbol named && !ContainsTypeParameters(named)
               && !(SymbolEqualityComparer.Default.Equals(named, method.ContainingType) && !named.IsGenericType)
                ? (Name(named), Name(named.OriginalDefinition))
                : ((string, string)?)null;

        /// <summary>
        /// <paramref name="type"/> is, derives from or implements the type named <paramref name="receiver"/> (see
        /// <see cref="NameAcrossCompilations"/>); a construction with type parameters (<c>IRepo&lt;T&gt;</c>) matches by definition.
        /// </summary>
        public static bool IsAtOrBelow(INamedTypeSymbol type, (string Constructed, string Definition) receiver)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (Matches(current, receiver))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Matches(implemented, receiver))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Matches(INamedTypeSymbol type, (string Constructed, string Definition) receiver)
            => ContainsTypeParameters(type) ? Name(type.OriginalDefinition) == receiver.Definition : Name(type) == receiver.Constructed;

        private static string Name(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static IMethodSymbol? InheritedOverride(ImmutableArray<IMethodSymbol> candidates, INamedTypeSymbol receiver)
        {
            for (var current = receiver.BaseType; current != null; current = current.BaseType)
            {
                foreach (var candidate in candidates)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.ContainingType.OriginalDefinition, current.OriginalDefinition))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        private static bool ContainsTypeParameters(INamedTypeSymbol type)
        {
            foreach (var argument in type.TypeArguments)
            {
                if (argument is ITypeParameterSymbol || (argument is INamedTypeSymbol named && ContainsTypeParameters(named)))
                {
                    return true;
                }
            }

            return false;
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
