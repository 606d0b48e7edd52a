using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// Whether RACE012's fix can turn a Monitor's lock object into a <c>SemaphoreSlim(1, 1)</c> without changing
    /// what the type does: a private <c>object</c> field made in its initializer, in a type declared once, used only
    /// as <c>lock (f)</c>, <c>Monitor.Enter(f);</c> followed by a try whose finally has <c>Monitor.Exit(f);</c>, and
    /// never taken again while held (the semaphore does not re-enter), not even from a lambda.
    /// </summary>
    internal static class SemaphoreConversion
    {
        public static ImmutableDictionary<string, string?> PropertiesFor(HeldLock held, LockSummaries summaries, CancellationToken cancellationToken)
        {
            if (held.Primitive != LockPrimitive.Monitor || !(held.Id.Member is IFieldSymbol field) || !held.Id.OnThis
                || field.DeclaredAccessibility != Accessibility.Private || field.Type.SpecialType != SpecialType.System_Object
                || field.DeclaringSyntaxReferences.Length != 1 || field.ContainingType.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } } declarator)
                || !(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 })
                || !(field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
            {
                return ImmutableDictionary<string, string?>.Empty;
            }

            var model = summaries.ModelOf(type.SyntaxTree);
            foreach (var name in type.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == field.Name && !IsAllowedUse(name, field, model, cancellationToken))
                {
                    return ImmutableDictionary<string, string?>.Empty;
                }
            }

            if (TakenAgainWhileHeld(type, held.Id, summaries, cancellationToken))
            {
                return ImmutableDictionary<string, string?>.Empty;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.SemaphoreForMonitorFix)
                .Add(FixProperties.FieldStart, declarator.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        private static bool IsAllowedUse(IdentifierNameSyntax name, IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field)
                || name.Ancestors().Any(node => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax))
            {
                return false;
            }

            var expression = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? (ExpressionSyntax)access : name;
            switch (expression.Parent)
            {
                case LockStatementSyntax statement:
                    return statement.Expression == expression;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax call } } argument
                    when argument.RefKindKeyword.RawKind == 0 && call.Parent is ExpressionStatementSyntax statement
                    && call.Expression is MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var method }
                    && model.GetSymbolInfo(receiver, cancellationToken).Symbol is INamedTypeSymbol { Name: "Monitor" }:
                    return method == "Exit" || (method == "Enter" && FollowedByTryThatExits(statement, field.Name));
                default:
                    return false;
            }
        }

        /// <summary><c>Monitor.Enter(f);</c> directly followed by a try whose finally calls <c>Monitor.Exit(f);</c>.</summary>
        private static bool FollowedByTryThatExits(ExpressionStatementSyntax enter, string fieldName)
        {
            if (!(enter.Parent is BlockSyntax block))
            {
                return false;
            }

            var index = block.Statements.IndexOf(enter);
            return index + 1 < block.Statements.Count
                   && block.Statements[index + 1] is TryStatementSyntax { Finally: { } @finally }
                   && @finally.Block.Statements.OfType<ExpressionStatementSyntax>().Any(statement =>
                       statement.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exit" }, ArgumentList.Arguments: { Count: 1 } arguments }
                       && arguments[0].Expression.ToString().EndsWith(fieldName, System.StringComparison.Ordinal));
        }

        /// <summary>The nodes whose operation is a body of the type: methods, constructors, operators, and property or indexer accessors.</summary>
        private static System.Collections.Generic.IEnumerable<SyntaxNode> Bodies(TypeDeclarationSyntax type)
        {
            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case BaseMethodDeclarationSyntax method:
                        yield return method;
                        break;
                    case BasePropertyDeclarationSyntax property:
                        foreach (var accessor in property.AccessorList?.Accessors ?? default)
                        {
                            yield return accessor;
                        }

                        if ((property as PropertyDeclarationSyntax)?.ExpressionBody is { } arrow)
                        {
                            yield return arrow;
                        }

                        break;
                }
            }
        }

        /// <summary>Some member of the type takes the lock while holding it, itself or through a call on this instance.</summary>
        private static bool TakenAgainWhileHeld(TypeDeclarationSyntax type, LockId id, LockSummaries summaries, CancellationToken cancellationToken)
        {
            foreach (var body in Bodies(type))
            {
                var facts = summaries.FactsOf(body, cancellationToken);
                if (facts.Acquisitions.Any(acquisition => acquisition.Id.Equals(id) && acquisition.Held.Any(outer => outer.Id.Equals(id))))
                {
                    return true;
                }

                foreach (var call in facts.Calls)
                {
                    if (call.OnThis && call.Held.Any(outer => outer.Id.Equals(id))
                        && summaries.Of(call.Callee, RaceOptions.DefaultMaxCallDepth, cancellationToken).Any(reached => reached.OnThis && reached.Acquisition.Id.Equals(id)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
