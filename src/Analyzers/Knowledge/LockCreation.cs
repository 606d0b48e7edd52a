using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// How a lock or semaphore held in a field, property or local is made, read from its initializer or from an
    /// assignment in a constructor of its type: a semaphore's initial count, a reader/writer lock's recursion policy.
    /// </summary>
    internal static class LockCreation
    {
        /// <summary>The creation expressions that can give <paramref name="member"/> its value.</summary>
        public static IEnumerable<ExpressionSyntax> Of(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer != null)
                {
                    yield return initializer;
                }
            }

            if (!(member is IFieldSymbol || member is IPropertySymbol) || member.ContainingType == null)
            {
                yield break;
            }

            foreach (var constructor in member.ContainingType.Constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (node is AssignmentExpressionSyntax { Left: var left, Right: var right } && NamesMember(left, member))
                        {
                            yield return right;
                        }
                    }
                }
            }
        }

        /// <summary>True when some creation of <paramref name="member"/> passes <paramref name="test"/>.</summary>
        public static bool Any(ISymbol member, Func<ExpressionSyntax, bool> test, CancellationToken cancellationToken)
        {
            foreach (var creation in Of(member, cancellationToken))
            {
                if (test(creation))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A semaphore made with one slot: a mutex.</summary>
        public static bool IsOneSlotSemaphore(ISymbol member, CancellationToken cancellationToken) => Any(member, creation => InitialCount(creation) == 1, cancellationToken);

        /// <summary>A reader/writer lock made with <c>LockRecursionPolicy.SupportsRecursion</c>.</summary>
        public static bool SupportsRecursion(ISymbol member, CancellationToken cancellationToken)
            => Any(member, creation => Arguments(creation)?.ToString().IndexOf("SupportsRecursion", StringComparison.Ordinal) >= 0, cancellationToken);

        /// <summary><c>_field</c> or <c>this._field</c> naming <paramref name="member"/>.</summary>
        public static bool NamesMember(ExpressionSyntax target, ISymbol member) => target switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == member.Name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == member.Name,
            _ => false,
        };

        /// <summary>The literal initial count a creation passes (<c>new SemaphoreSlim(0)</c>, <c>new(1, 1)</c>, <c>initialCount: 0</c>), or null.</summary>
        public static int? InitialCount(ExpressionSyntax? creation)
        {
            var arguments = Arguments(creation);
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

        private static ArgumentListSyntax? Arguments(ExpressionSyntax? creation) => creation switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.ArgumentList,
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.ArgumentList,
            _ => null,
        };
    }
}
