using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.CodeFixes.Locks
{
    /// <summary>
    /// Whether RACE012's fix can turn a lock into a <c>SemaphoreSlim(1, 1)</c> without changing what the type does: a
    /// private field made in its initializer, in a type declared once, used only as a mutex — an <c>object</c> used
    /// as <c>lock (f)</c>, <c>Monitor.Enter(f);</c> followed by a try whose finally has <c>Monitor.Exit(f);</c>; or a
    /// <c>ReaderWriterLockSlim</c> made without arguments and only ever write-locked the same way — and never taken
    /// again while held (the semaphore does not re-enter), not even from a lambda. The plan names every use the
    /// rewrite changes, classified here from symbols, so the rewriter matches no names.
    /// </summary>
    internal sealed class SemaphoreConversion
    {
        private readonly HeldLock _held;
        private readonly IFieldSymbol _field;
        private readonly SemanticModel _model;
        private readonly ApiCatalog _catalog;
        private readonly ConfiguredMethods _configured;
        private readonly CancellationToken _cancellationToken;

        private SemaphoreConversion(HeldLock held, IFieldSymbol field, SemanticModel model, ApiCatalog catalog, ConfiguredMethods configured, CancellationToken cancellationToken)
        {
            _held = held;
            _field = field;
            _model = model;
            _catalog = catalog;
            _configured = configured;
            _cancellationToken = cancellationToken;
        }

        /// <summary>
        /// The field's declarator, the uses to rewrite, and whether <c>SemaphoreSlim</c> needs a <c>using System.Threading;</c>
        /// to bind there (not when a using, global or implicit, already brings it); null when the conversion could change
        /// what the type does.
        /// </summary>
        public static (VariableDeclaratorSyntax Field, IReadOnlyList<LockUse> Uses, bool ImportThreading)? Plan(HeldLock held, LockSummaries summaries, ApiCatalog catalog, ConfiguredMethods configured, CancellationToken cancellationToken)
        {
            if (!(held.Id.Member is IFieldSymbol field) || !held.Id.OnThis || !IsMutexKind(held, field)
                || field.DeclaredAccessibility != Accessibility.Private
                || field.DeclaringSyntaxReferences.Length != 1 || field.ContainingType.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } } declarator)
                || !(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 })
                || !(field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
            {
                return null;
            }

            if (held.Primitive == LockPrimitive.ReaderWriter && !(declarator.Initializer.Value is BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } }))
            {
                // A recursion policy or other arguments: a semaphore would not behave the same.
                return null;
            }

            var conversion = new SemaphoreConversion(held, field, summaries.ModelOf(type.SyntaxTree), catalog, configured, cancellationToken);
            var uses = new List<LockUse>();
            foreach (var name in type.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == field.Name)
                {
                    if (!conversion.IsAllowedUse(name, out var use))
                    {
                        return null;
                    }

                    if (use != null)
                    {
                        uses.Add(use);
                    }
                }
            }

            var distinct = uses.Select(use => use.Statement).Distinct().Count() == uses.Count;
            return uses.Count == 0 || !distinct || TakenAgainWhileHeld(type, held.Id, summaries, cancellationToken)
                ? null
                : (declarator, uses, !conversion.SemaphoreSlimBindsAt(declarator));
        }

        private bool SemaphoreSlimBindsAt(SyntaxNode node)
        {
            var semaphore = _model.Compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            return semaphore != null && _model.LookupNamespacesAndTypes(node.SpanStart, name: semaphore.Name).Contains(semaphore, SymbolEqualityComparer.Default);
        }

        /// <summary>A Monitor's <c>object</c>, or a reader/writer lock taken for writing (its other uses are checked one by one).</summary>
        private static bool IsMutexKind(HeldLock held, IFieldSymbol field)
            => (held.Primitive == LockPrimitive.Monitor && field.Type.SpecialType == SpecialType.System_Object)
               || (held.Primitive == LockPrimitive.ReaderWriter && held.Mode == LockMode.Exclusive);

        /// <summary>
        /// <c>lock (f)</c>; a blocking take of the same kind (<c>Monitor.Enter(f)</c>, <c>f.EnterWriteLock()</c>) as a
        /// statement directly followed by a try whose finally gives it back; a give-back as a statement; a disposal
        /// (a semaphore has a Dispose too, so it stays, <paramref name="use"/> null).
        /// </summary>
        private bool IsAllowedUse(IdentifierNameSyntax name, out LockUse? use)
        {
            use = null;
            if (!SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol?.OriginalDefinition, _field)
                || name.Ancestors().Any(node => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax))
            {
                return false;
            }

            var expression = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? (ExpressionSyntax)access : name;
            if (expression.Parent is LockStatementSyntax statement)
            {
                use = new LockUse(statement, LockUseKind.LockStatement, TokenInScope(statement));
                return _held.Primitive == LockPrimitive.Monitor && statement.Expression == expression;
            }

            var invocation = expression.Parent switch
            {
                ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } => call,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } receiver when receiver.Expression == expression => call,
                _ => null,
            };
            if (!(_model.GetOperation(invocation!, _cancellationToken) is IInvocationOperation operation))
            {
                return false;
            }

            if (LockShapes.IsDisposal(operation.TargetMethod))
            {
                return true;
            }

            if (!(invocation!.Parent is ExpressionStatementSyntax callStatement)
                || !(_catalog.LockCallOf(operation, _configured) is LockCall lockCall)
                || lockCall.Primitive != _held.Primitive || lockCall.Mode != LockMode.Exclusive
                || operation.Arguments.Length != (_held.Primitive == LockPrimitive.Monitor ? 1 : 0)
                || (lockCall.Enters && !(lockCall.Blocks && FollowedByTryThatExits(callStatement))))
            {
                return false;
            }

            use = lockCall.Enters ? new LockUse(callStatement, LockUseKind.Take, TokenInScope(callStatement)) : new LockUse(callStatement, LockUseKind.GiveBack, null);
            return true;
        }

        /// <summary>The take directly followed by a try whose finally gives the same field back.</summary>
        private bool FollowedByTryThatExits(ExpressionStatementSyntax enter)
        {
            if (!(enter.Parent is BlockSyntax block))
            {
                return false;
            }

            var index = block.Statements.IndexOf(enter);
            return index + 1 < block.Statements.Count
                   && block.Statements[index + 1] is TryStatementSyntax { Finally: { } @finally }
                   && @finally.Block.Statements.OfType<ExpressionStatementSyntax>().Any(statement =>
                       _model.GetOperation(statement.Expression, _cancellationToken) is IInvocationOperation exit
                       && _catalog.LockCallOf(exit, _configured) is LockCall { Enters: false } lockCall
                       && SymbolEqualityComparer.Default.Equals(LockId.Of(lockCall.LockObject)?.Member, _field));
        }

        /// <summary>
        /// The name of a <c>CancellationToken</c> parameter or local in scope at <paramref name="use"/> (the one declared
        /// last, so a lambda's own token or a linked token wins over the method's), or null: an async wait takes it, so a
        /// cancelled wait throws before the try. A static function sees only what it declares itself.
        /// </summary>
        private string? TokenInScope(SyntaxNode use)
        {
            var staticFunction = use.Ancestors().FirstOrDefault(node =>
                (node is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword))
                || (node is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.StaticKeyword)));
            ISymbol? best = null;
            var bestStart = -1;
            foreach (var symbol in _model.LookupSymbols(use.SpanStart))
            {
                var type = symbol switch
                {
                    IParameterSymbol parameter => parameter.Type,
                    ILocalSymbol local => local.Type,
                    _ => null,
                };
                var declaration = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken);
                if (!ApiCatalog.IsCancellationToken(type) || declaration == null || declaration.SyntaxTree != use.SyntaxTree
                    || declaration.SpanStart >= use.SpanStart || (staticFunction != null && !staticFunction.Span.Contains(declaration.Span)))
                {
                    continue;
                }

                if (declaration.SpanStart > bestStart)
                {
                    best = symbol;
                    bestStart = declaration.SpanStart;
                }
            }

            return best?.Name;
        }

        /// <summary>The nodes whose operation is a body of the type: methods, constructors, operators, and property or indexer accessors.</summary>
        private static IEnumerable<SyntaxNode> Bodies(TypeDeclarationSyntax type)
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
