using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace RaceAnalyzers.CodeFixes.Locks
{
    /// <summary>
    /// RACE012's rewrite of one type: <c>private readonly object _gate = new object();</c> (or a write-only
    /// <c>ReaderWriterLockSlim</c>) becomes <c>SemaphoreSlim _gate = new SemaphoreSlim(1, 1)</c>;
    /// <c>Monitor.Enter(_gate);</c> / <c>_gate.EnterWriteLock();</c> becomes <c>await _gate.WaitAsync();</c> in async
    /// functions and <c>_gate.Wait();</c> elsewhere (it already stands before a try whose finally exits);
    /// <c>Monitor.Exit(_gate);</c> / <c>_gate.ExitWriteLock();</c> becomes <c>_gate.Release();</c>; and
    /// <c>lock (_gate) body</c> becomes the wait followed by <c>try { body } finally { _gate.Release(); }</c>.
    /// <see cref="SemaphoreConversion"/> found these uses from symbols and checked that they are the field's only
    /// ones and that nothing takes it again while held.
    /// </summary>
    internal static class SemaphoreForMonitorRewriter
    {
        private const string ThreadingNamespace = "System.Threading";

        public static SyntaxNode? Rewrite(SyntaxNode root, VariableDeclaratorSyntax field, IReadOnlyList<LockUse> uses, bool importThreading)
        {
            if (!(field.Parent is VariableDeclarationSyntax declaration) || !(declaration.Parent is FieldDeclarationSyntax))
            {
                return null;
            }

            var marks = uses.ToDictionary(use => use.Statement, _ => new SyntaxAnnotation("RaceAnalyzers.MonitorUse"));
            var fieldMark = new SyntaxAnnotation("RaceAnalyzers.MonitorField");
            var current = root.ReplaceNodes(marks.Keys.Append(declaration),
                (original, rewritten) => rewritten.WithAdditionalAnnotations(original == declaration ? fieldMark : marks[original]));

            var fieldDeclaration = (VariableDeclarationSyntax)current.GetAnnotatedNodes(fieldMark).Single();
            var semaphore = fieldDeclaration
                .WithType(SyntaxFactory.ParseTypeName("SemaphoreSlim").WithTriviaFrom(fieldDeclaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(fieldDeclaration.Variables[0].WithInitializer(
                    SyntaxFactory.EqualsValueClause(SyntaxFactory.ParseExpression("new SemaphoreSlim(1, 1)")).WithTriviaFrom(fieldDeclaration.Variables[0].Initializer!))));
            current = current.ReplaceNode(fieldDeclaration, semaphore);

            // Innermost last in document order first: a rewrite never moves a use that is still to be rewritten out of the tree.
            foreach (var use in uses.OrderByDescending(use => use.Statement.SpanStart))
            {
                var rewritten = current.GetAnnotatedNodes(marks[use.Statement]).FirstOrDefault() is { } node ? RewriteUse(current, use.At(node)) : null;
                if (rewritten == null)
                {
                    return null;
                }

                current = rewritten;
            }

            return importThreading && current is CompilationUnitSyntax unit ? WithThreadingImport(unit) : current;
        }

        private static SyntaxNode? RewriteUse(SyntaxNode root, LockUse use)
        {
            var inAsync = IsInAsyncFunction(use.Statement);
            if (use.Kind == LockUseKind.LockStatement && use.Statement is LockStatementSyntax statement)
            {
                var gate = statement.Expression.WithoutTrivia();
                var wait = Wait(gate, inAsync, use.CancellationToken).WithLeadingTrivia(statement.GetLeadingTrivia());
                var body = statement.Statement is BlockSyntax block ? block : SyntaxFactory.Block(statement.Statement);
                var protectedBody = SyntaxFactory.TryStatement(
                        body.WithoutTrivia(),
                        default,
                        SyntaxFactory.FinallyClause(SyntaxFactory.Block(Release(gate))))
                    .WithTrailingTrivia(statement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return statement.Parent is BlockSyntax
                    ? root.ReplaceNode(statement, new SyntaxNode[] { wait.WithAdditionalAnnotations(Formatter.Annotation), protectedBody })
                    : root.ReplaceNode(statement, SyntaxFactory.Block(wait, protectedBody).WithTriviaFrom(statement).WithAdditionalAnnotations(Formatter.Annotation));
            }

            if (use.Statement is ExpressionStatementSyntax call && GateOf(call) is { } gateExpression)
            {
                var replacement = use.Kind == LockUseKind.Take ? Wait(gateExpression.WithoutTrivia(), inAsync, use.CancellationToken) : Release(gateExpression.WithoutTrivia());
                return root.ReplaceNode(call, replacement.WithTriviaFrom(call));
            }

            return null;
        }

        /// <summary>The lock object of a take or give-back: the argument of <c>Monitor.Enter(f)</c>, the receiver of <c>f.EnterWriteLock()</c>.</summary>
        private static ExpressionSyntax? GateOf(ExpressionStatementSyntax call) => call.Expression switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } => arguments[0].Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 } => access.Expression,
            _ => null,
        };

        /// <summary>
        /// The take: <c>await gate.WaitAsync(ct)</c> with the function's cancellation token when it has one (a
        /// cancelled wait throws before the try, so nothing is released that was not taken), else without.
        /// </summary>
        private static StatementSyntax Wait(ExpressionSyntax gate, bool inAsync, string? cancellationToken)
        {
            var token = inAsync ? cancellationToken : null;
            return SyntaxFactory.ParseStatement(inAsync ? $"await {gate}.WaitAsync({token});" : $"{gate}.Wait();").WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        }

        private static StatementSyntax Release(ExpressionSyntax gate) => SyntaxFactory.ParseStatement($"{gate}.Release();");

        private static bool IsInAsyncFunction(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword.RawKind != 0;
                    case LocalFunctionStatementSyntax local:
                        return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        private static CompilationUnitSyntax WithThreadingImport(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ThreadingNamespace)).WithAdditionalAnnotations(Formatter.Annotation);
            var usings = unit.Usings.ToList();
            var index = usings.FindIndex(u => string.CompareOrdinal(u.Name.ToString(), ThreadingNamespace) > 0);
            return unit.WithUsings(SyntaxFactory.List(index < 0 ? usings.Append(directive) : usings.Take(index).Append(directive).Concat(usings.Skip(index))));
        }
    }
}
