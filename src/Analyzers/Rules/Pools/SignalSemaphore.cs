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

            return LockCreation.Any(resource, creation => LockCreation.InitialCount(creation) == 0, cancellationToken)
                   || ((resource is IFieldSymbol || resource is IPropertySymbol) && IsProducedElsewhere(resource, cancellationToken));
        }

        private static bool IsProducedElsewhere(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.DeclaredAccessibility != Accessibility.Private || LockCreation.IsOneSlotSemaphore(member, cancellationToken))
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
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var target, Name: var name } } && LockCreation.NamesMember(target, member))
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

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
    }
}
