using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// A <c>SemaphoreSlim</c> made with an initial count of 0 counts signals (items queued, work due): a wait
    /// consumes one, a release produces one, and nothing has to be given back on any path. Neither RACE001 nor
    /// RACE002 applies to it. Read from how the field, property or local is created: its initializer, or an
    /// assignment in a constructor of its type. A private field or property that some member of its type releases
    /// without ever waiting on it there is a counter too (a producer adds what consumers take, as in a work
    /// queue), unless it is created with a count of 1: that is a mutex with its release in a helper.
    /// </summary>
    internal static class SignalSemaphore
    {
        public static bool Holds(ISymbol resource, ApiCatalog catalog, CancellationToken cancellationToken)
        {
            if (!catalog.IsSemaphoreSlim(TypeOf(resource)))
            {
                return false;
            }

            foreach (var reference in resource.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var initializer = declaration switch
                {
                    VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (CreatesEmpty(initializer))
                {
                    return true;
                }
            }

            return (resource is IFieldSymbol || resource is IPropertySymbol)
                   && (AssignedEmptyInAConstructor(resource, cancellationToken) || IsProducedElsewhere(resource, cancellationToken));
        }

        private static bool IsProducedElsewhere(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.DeclaredAccessibility != Accessibility.Private || CreatedWithOne(member, cancellationToken))
            {
                return false;
            }

            foreach (var typeReference in member.ContainingType.DeclaringSyntaxReferences)
            {
                if (!(typeReference.GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
                {
                    continue;
                }

                foreach (var other in type.Members)
                {
                    if ((other is BaseMethodDeclarationSyntax || other is BasePropertyDeclarationSyntax) && ReleasesWithoutWaiting(other, member))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool ReleasesWithoutWaiting(MemberDeclarationSyntax body, ISymbol member)
        {
            var releases = false;
            foreach (var node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var target, Name: var name } } && NamesMember(target, member))
                {
                    var called = name.Identifier.ValueText;
                    if (LockShapes.IsSemaphoreWait(called))
                    {
                        return false;
                    }

                    releases |= LockShapes.IsSemaphoreRelease(called);
                }
            }

            return releases;
        }

        private static bool CreatedWithOne(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (InitialCount(initializer) == 1)
                {
                    return true;
                }
            }

            foreach (var constructor in member.ContainingType.Constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (node is AssignmentExpressionSyntax { Left: var left, Right: var right } && NamesMember(left, member) && InitialCount(right) == 1)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        private static bool AssignedEmptyInAConstructor(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var constructor in member.ContainingType.Constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    foreach (var assignment in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (assignment is AssignmentExpressionSyntax { Left: var left, Right: var right } && NamesMember(left, member) && CreatesEmpty(right))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool NamesMember(ExpressionSyntax target, ISymbol member) => target switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == member.Name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == member.Name,
            _ => false,
        };

        /// <summary><c>new SemaphoreSlim(0)</c>, <c>new(0, n)</c>, <c>new SemaphoreSlim(initialCount: 0)</c>.</summary>
        private static bool CreatesEmpty(ExpressionSyntax? creation) => InitialCount(creation) == 0;

        /// <summary>The literal initial count a creation passes, or null.</summary>
        private static int? InitialCount(ExpressionSyntax? creation)
        {
            var arguments = creation switch
            {
                ObjectCreationExpressionSyntax explicitType => explicitType.ArgumentList,
                ImplicitObjectCreationExpressionSyntax implicitType => implicitType.ArgumentList,
                _ => null,
            };
            if (arguments == null || arguments.Arguments.Count == 0)
            {
                return null;
            }

            var initialCount = arguments.Arguments[0];
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameColon?.Name.Identifier.ValueText == "initialCount")
                {
                    initialCount = argument;
                }
            }

            return initialCount.Expression is LiteralExpressionSyntax literal
                   && literal.IsKind(SyntaxKind.NumericLiteralExpression)
                   && literal.Token.Value is int count
                ? count
                : (int?)null;
        }
    }
}
