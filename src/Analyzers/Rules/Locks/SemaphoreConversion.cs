using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Flow.Locks;
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
        public static ImmutableDictionary<string, string?> PropertiesFor(HeldLock held, LockSummaries summaries, ApiCatalog catalog, ConfiguredMethods configured, CancellationToken cancellationToken)
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
                if (name.Identifier.ValueText == field.Name && !IsAllowedUse(name, field, held, model, catalog, configured, cancellationToken))
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

        /// <summary>A Monitor's <c>object</c>, or a reader/writer lock taken for writing (its other uses are checked one by one).</summary>
        private static bool IsMutexKind(HeldLock held, IFieldSymbol field)
            => (held.Primitive == LockPrimitive.Monitor && field.Type.SpecialType == SpecialType.System_Object)
               || (held.Primitive == LockPrimitive.ReaderWriter && held.Mode == LockMode.Exclusive);

        /// <summary>
        /// <c>lock (f)</c>; a blocking take of the same kind (<c>Monitor.Enter(f)</c>, <c>f.EnterWriteLock()</c>) as a
        /// statement directly followed by a try whose finally gives it back; a give-back as a statement; a disposal.
        /// </summary>
        private static bool IsAllowedUse(IdentifierNameSyntax name, IFieldSymbol field, HeldLock held, SemanticModel model, ApiCatalog catalog, ConfiguredMethods configured, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field)
                || name.Ancestors().Any(node => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax))
            {
                return false;
            }

            var expression = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? (ExpressionSyntax)access : name;
            if (expression.Parent is LockStatementSyntax statement)
            {
                return held.Primitive == LockPrimitive.Monitor && statement.Expression == expression;
            }

            var invocation = expression.Parent switch
            {
                ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } => call,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } receiver when receiver.Expression == expression => call,
                _ => null,
            };
            if (!(model.GetOperation(invocation!, cancellationToken) is IInvocationOperation operation))
            {
                return false;
            }

            if (LockShapes.IsDisposal(operation.TargetMethod))
            {
                // A semaphore has a Dispose too.
                return true;
            }

            return invocation!.Parent is ExpressionStatementSyntax use
                   && catalog.LockCallOf(operation, configured) is LockCall lockCall
                   && lockCall.Primitive == held.Primitive && lockCall.Mode == LockMode.Exclusive
                   && operation.Arguments.Length == (held.Primitive == LockPrimitive.Monitor ? 1 : 0)
                   && (!lockCall.Enters || (lockCall.Blocks && FollowedByTryThatExits(use, field, model, catalog, configured, cancellationToken)));
        }

        /// <summary>The take directly followed by a try whose finally gives the same field back.</summary>
        private static bool FollowedByTryThatExits(ExpressionStatementSyntax enter, IFieldSymbol field, SemanticModel model, ApiCatalog catalog, ConfiguredMethods configured, CancellationToken cancellationToken)
        {
            if (!(enter.Parent is BlockSyntax block))
            {
                return false;
            }

            var index = block.Statements.IndexOf(enter);
            return index + 1 < block.Statements.Count
                   && block.Statements[index + 1] is TryStatementSyntax { Finally: { } @finally }
                   && @finally.Block.Statements.OfType<ExpressionStatementSyntax>().Any(statement =>
                       model.GetOperation(statement.Expression, cancellationToken) is IInvocationOperation exit
                       && catalog.LockCallOf(exit, configured) is LockCall { Enters: false } lockCall
                       && SymbolEqualityComparer.Default.Equals(LockId.Of(lockCall.LockObject)?.Member, field));
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
                        && summaries.Of(call.Target, RaceOptions.DefaultMaxCallDepth, cancellationToken).Any(reached => reached.OnThis && reached.Acquisition.Id.Equals(id)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
