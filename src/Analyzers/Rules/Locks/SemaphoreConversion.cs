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
    /// Whether RACE012's fix can turn a lock into a <c>SemaphoreSlim(1, 1)</c> without changing what the type does: a
    /// private field made in its initializer, in a type declared once, used only as a mutex — an <c>object</c> used
    /// as <c>lock (f)</c>, <c>Monitor.Enter(f);</c> followed by a try whose finally has <c>Monitor.Exit(f);</c>; or a
    /// <c>ReaderWriterLockSlim</c> made without arguments and only ever write-locked the same way — and never taken
    /// again while held (the semaphore does not re-enter), not even from a lambda.
    /// </summary>
    internal static class SemaphoreConversion
    {
        public static ImmutableDictionary<string, string?> PropertiesFor(HeldLock held, LockSummaries summaries, CancellationToken cancellationToken)
        {
            if (!(held.Id.Member is IFieldSymbol field) || !held.Id.OnThis || !IsMutexKind(held, field)
                || field.DeclaredAccessibility != Accessibility.Private
                || field.DeclaringSyntaxReferences.Length != 1 || field.ContainingType.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } } declarator)
                || !(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 })
                || !(field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
            {
                return ImmutableDictionary<string, string?>.Empty;
            }

            if (held.Primitive == LockPrimitive.ReaderWriter && !(declarator.Initializer.Value is BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } }))
            {
                // A recursion policy or other arguments: a semaphore would not behave the same.
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

        /// <summary>A Monitor's <c>object</c>, or a <c>ReaderWriterLockSlim</c> taken for writing: both only ever exclude.</summary>
        private static bool IsMutexKind(HeldLock held, IFieldSymbol field)
            => (held.Primitive == LockPrimitive.Monitor && field.Type.SpecialType == SpecialType.System_Object)
               || (held.Primitive == LockPrimitive.ReaderWriter && held.Mode == LockMode.Exclusive && field.Type.Name == "ReaderWriterLockSlim");

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
                    return field.Type.SpecialType == SpecialType.System_Object
                           && (method == "Exit" || (method == "Enter" && FollowedByTryThatExits(statement, "Exit", field.Name)));
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method, Parent: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation } call
                    when call.Expression == expression && field.Type.Name == "ReaderWriterLockSlim":
                    // Only ever written: EnterWriteLock followed by its try/finally, ExitWriteLock, Dispose (a semaphore has one too).
                    return method == "Dispose"
                           || (invocation.Parent is ExpressionStatementSyntax written
                               && (method == "ExitWriteLock" || (method == "EnterWriteLock" && FollowedByTryThatExits(written, "ExitWriteLock", field.Name))));
                default:
                    return false;
            }
        }

        /// <summary>
        /// The take directly followed by a try whose finally gives it back: <c>Monitor.Exit(f);</c> or <c>f.ExitWriteLock();</c>
        /// (the field named as the argument or as the receiver).
        /// </summary>
        private static bool FollowedByTryThatExits(ExpressionStatementSyntax enter, string exit, string fieldName)
        {
            if (!(enter.Parent is BlockSyntax block))
            {
                return false;
            }

            var index = block.Statements.IndexOf(enter);
            return index + 1 < block.Statements.Count
                   && block.Statements[index + 1] is TryStatementSyntax { Finally: { } @finally }
                   && @finally.Block.Statements.OfType<ExpressionStatementSyntax>().Any(statement =>
                       statement.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called, Expression: var receiver } } call
                       && called == exit
                       && (call.ArgumentList.Arguments.Count == 1 ? call.ArgumentList.Arguments[0].Expression : receiver).ToString().EndsWith(fieldName, System.StringComparison.Ordinal));
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
