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
    /// The analyzer checked that these are the field's only uses and that nothing takes it again while held.
    /// </summary>
    internal static class SemaphoreForMonitorRewriter
    {
        private const string ThreadingNamespace = "System.Threading";

        public static SyntaxNode? Rewrite(SyntaxNode root, VariableDeclaratorSyntax field)
        {
            if (!(field.Parent is VariableDeclarationSyntax declaration) || !IsLockType(declaration.Type)
                || !(declaration.Parent is FieldDeclarationSyntax) || !(field.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type))
            {
                return null;
            }

            var name = field.Identifier.ValueText;
            var uses = new SyntaxAnnotation("RaceAnalyzers.MonitorUse");
            var targets = type.DescendantNodes().Where(node => IsLockOn(node, name) || IsMonitorCall(node, name) != null || IsWriteLockCall(node, name) != null).ToList();
            var fieldMark = new SyntaxAnnotation("RaceAnalyzers.MonitorField");
            var current = root.ReplaceNodes(targets.Cast<SyntaxNode>().Append(declaration),
                (original, rewritten) => rewritten.WithAdditionalAnnotations(original == declaration ? fieldMark : uses));

            var fieldDeclaration = (VariableDeclarationSyntax)current.GetAnnotatedNodes(fieldMark).Single();
            var semaphore = fieldDeclaration
                .WithType(SyntaxFactory.ParseTypeName("SemaphoreSlim").WithTriviaFrom(fieldDeclaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(fieldDeclaration.Variables[0].WithInitializer(
                    SyntaxFactory.EqualsValueClause(SyntaxFactory.ParseExpression("new SemaphoreSlim(1, 1)")).WithTriviaFrom(fieldDeclaration.Variables[0].Initializer!))));
            current = current.ReplaceNode(fieldDeclaration, semaphore);

            // Innermost last in document order first: a rewrite never moves a use that is still to be rewritten out of the tree.
            while (current.GetAnnotatedNodes(uses).LastOrDefault() is { } use)
            {
                var rewritten = RewriteUse(current, use, name);
                if (rewritten == null)
                {
                    return null;
                }

                current = rewritten;
            }

            return current is CompilationUnitSyntax unit ? WithThreadingImport(unit) : current;
        }

        private static SyntaxNode? RewriteUse(SyntaxNode root, SyntaxNode use, string name)
        {
            var inAsync = IsInAsyncFunction(use);
            if (use is LockStatementSyntax statement)
            {
                var gate = statement.Expression.WithoutTrivia();
                var wait = Wait(gate, inAsync, use).WithLeadingTrivia(statement.GetLeadingTrivia());
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

            if (use is ExpressionStatementSyntax call && (IsMonitorCall(call, name) ?? IsWriteLockCall(call, name)) is var (method, gateExpression))
            {
                var replacement = method == "Enter" || method == "EnterWriteLock" ? Wait(gateExpression.WithoutTrivia(), inAsync, use) : Release(gateExpression.WithoutTrivia());
                return root.ReplaceNode(call, replacement.WithTriviaFrom(call));
            }

            return null;
        }

        /// <summary>
        /// The take: <c>await gate.WaitAsync(ct)</c> with the function's cancellation token when it has one (a
        /// cancelled wait throws before the try, so nothing is released that was not taken), else without.
        /// </summary>
        private static StatementSyntax Wait(ExpressionSyntax gate, bool inAsync, SyntaxNode use)
        {
            var token = inAsync ? TokenInScope(use) : null;
            return SyntaxFactory.ParseStatement(inAsync ? $"await {gate}.WaitAsync({token});" : $"{gate}.Wait();").WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        }

        /// <summary>The name of a <c>CancellationToken</c> parameter of the function <paramref name="use"/> is in, or null.</summary>
        private static string? TokenInScope(SyntaxNode use)
        {
            foreach (var ancestor in use.Ancestors())
            {
                var parameters = ancestor switch
                {
                    BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                    LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                    ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                    AnonymousMethodExpressionSyntax anonymous when anonymous.ParameterList != null => anonymous.ParameterList.Parameters,
                    _ => default(SeparatedSyntaxList<ParameterSyntax>?),
                };
                if (parameters is { } list)
                {
                    foreach (var parameter in list)
                    {
                        var type = parameter.Type?.ToString();
                        if (type == "CancellationToken" || type == "System.Threading.CancellationToken")
                        {
                            return parameter.Identifier.ValueText;
                        }
                    }

                    return null;
                }
            }

            return null;
        }

        private static StatementSyntax Release(ExpressionSyntax gate) => SyntaxFactory.ParseStatement($"{gate}.Release();");

        private static bool IsLockOn(SyntaxNode node, string name) => node is LockStatementSyntax statement && Names(statement.Expression, name);

        /// <summary><c>Monitor.Enter(f);</c> or <c>Monitor.Exit(f);</c>: the method and the field expression.</summary>
        private static (string Method, ExpressionSyntax Gate)? IsMonitorCall(SyntaxNode node, string name)
            => node is ExpressionStatementSyntax
               {
                   Expression: InvocationExpressionSyntax
                   {
                       Expression: MemberAccessExpressionSyntax { Expression: var monitor, Name.Identifier.ValueText: "Enter" or "Exit" } access,
                       ArgumentList.Arguments: { Count: 1 } arguments,
                   },
               }
               && monitor.ToString().EndsWith("Monitor", System.StringComparison.Ordinal) && Names(arguments[0].Expression, name)
                ? (access.Name.Identifier.ValueText, arguments[0].Expression)
                : ((string, ExpressionSyntax)?)null;

        /// <summary><c>f.EnterWriteLock();</c> or <c>f.ExitWriteLock();</c>: the method and the field expression.</summary>
        private static (string Method, ExpressionSyntax Gate)? IsWriteLockCall(SyntaxNode node, string name)
            => node is ExpressionStatementSyntax
               {
                   Expression: InvocationExpressionSyntax
                   {
                       Expression: MemberAccessExpressionSyntax { Expression: var gate, Name.Identifier.ValueText: "EnterWriteLock" or "ExitWriteLock" } access,
                       ArgumentList.Arguments.Count: 0,
                   },
               }
               && Names(gate, name)
                ? (access.Name.Identifier.ValueText, gate)
                : ((string, ExpressionSyntax)?)null;

        /// <summary>The field is still the lock the analyzer saw (<c>object</c> or <c>ReaderWriterLockSlim</c>), not already the semaphore.</summary>
        private static bool IsLockType(TypeSyntax type)
            => type is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ObjectKeyword }
               || type.ToString().EndsWith("ReaderWriterLockSlim", System.StringComparison.Ordinal);

        private static bool Names(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
            _ => false,
        };

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
            var imported = unit.Usings.Any(u => u.Alias == null && u.Name.ToString() == ThreadingNamespace)
                           || unit.DescendantNodes(node => !(node is TypeDeclarationSyntax)).OfType<BaseNamespaceDeclarationSyntax>()
                               .Any(ns => ns.Usings.Any(u => u.Alias == null && u.Name.ToString() == ThreadingNamespace));
            if (imported)
            {
                return unit;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ThreadingNamespace)).WithAdditionalAnnotations(Formatter.Annotation);
            var usings = unit.Usings.ToList();
            var index = usings.FindIndex(u => string.CompareOrdinal(u.Name.ToString(), ThreadingNamespace) > 0);
            return unit.WithUsings(SyntaxFactory.List(index < 0 ? usings.Append(directive) : usings.Take(index).Append(directive).Concat(usings.Skip(index))));
        }
    }
}
