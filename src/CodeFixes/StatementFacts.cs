using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>Questions every statement move asks before it is allowed: which statement, what it writes, what it uses.</summary>
    internal static class StatementFacts
    {
        /// <summary>The expression or declaration statement a call stands in; null inside a condition, lambda or other statement.</summary>
        public static StatementSyntax? StatementOf(SyntaxNode? node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is ExpressionStatementSyntax || current is LocalDeclarationStatementSyntax)
                {
                    return (StatementSyntax)current;
                }

                if (current is StatementSyntax || current is MemberDeclarationSyntax || current is LambdaExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The statement that runs a call before anything else it holds: <see cref="StatementOf"/>, or the
        /// <c>foreach</c> whose collection the call is (evaluated once, before the first iteration).
        /// </summary>
        public static StatementSyntax? StatementRunning(SyntaxNode? node)
        {
            SyntaxNode? child = null;
            for (var current = node; current != null; child = current, current = current.Parent)
            {
                if (current is ExpressionStatementSyntax || current is LocalDeclarationStatementSyntax)
                {
                    return (StatementSyntax)current;
                }

                if (current is CommonForEachStatementSyntax loop && child != null && child == loop.Expression)
                {
                    return loop;
                }

                if (current is StatementSyntax || current is MemberDeclarationSyntax || current is LambdaExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The statement of <paramref name="block"/> that contains <paramref name="node"/>, or null.</summary>
        public static StatementSyntax? ChildOf(BlockSyntax block, SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current.Parent == block && current is StatementSyntax statement)
                {
                    return statement;
                }
            }

            return null;
        }

        /// <summary>Names the statements declare as locals, local functions or pattern/out variables.</summary>
        public static HashSet<string> DeclaredNames(IEnumerable<StatementSyntax> statements)
        {
            var names = new HashSet<string>();
            foreach (var statement in statements)
            {
                if (statement is LocalDeclarationStatementSyntax declaration)
                {
                    names.UnionWith(declaration.Declaration.Variables.Select(v => v.Identifier.ValueText));
                }
                else if (statement is LocalFunctionStatementSyntax localFunction)
                {
                    names.Add(localFunction.Identifier.ValueText);
                }

                // Pattern and out variables declared at the top level of the statement leak into the block too.
                foreach (var designation in statement.DescendantNodes(n => !(n is BlockSyntax) && !(n is LambdaExpressionSyntax)).OfType<SingleVariableDesignationSyntax>())
                {
                    names.Add(designation.Identifier.ValueText);
                }
            }

            return names;
        }

        /// <summary>Names the statements declare, or assign (<c>x = …</c>, <c>x++</c>, <c>out x</c>, <c>a.b = …</c> changes <c>a</c>).</summary>
        public static HashSet<string> WrittenNames(IEnumerable<SyntaxNode> statements)
        {
            var names = new HashSet<string>();
            foreach (var statement in statements)
            {
                foreach (var node in statement.DescendantNodesAndSelf())
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax declarator:
                            names.Add(declarator.Identifier.ValueText);
                            break;
                        case SingleVariableDesignationSyntax designation:
                            names.Add(designation.Identifier.ValueText);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            AddTarget(names, assignment.Left);
                            break;
                        case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                            AddTarget(names, postfix.Operand); // not `x!`, which reads
                            break;
                        case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                            AddTarget(names, prefix.Operand);
                            break;
                        case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                            AddTarget(names, argument.Expression);
                            break;
                    }
                }
            }

            return names;
        }

        /// <summary><paramref name="preferred"/>, or it numbered (<c>claimed2</c>), so that no identifier in <paramref name="scope"/> has that name.</summary>
        public static string FreeName(SyntaxNode scope, string preferred)
        {
            var taken = IdentifiersIn(scope);
            var name = preferred;
            for (var i = 2; taken.Contains(name); i++)
            {
                name = preferred + i;
            }

            return name;
        }

        public static HashSet<string> IdentifiersIn(SyntaxNode node)
            => new HashSet<string>(node.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));

        /// <summary>True when moving <paramref name="moved"/> across <paramref name="jumpedOver"/> keeps what it reads and what they read.</summary>
        public static bool CanMoveAcross(StatementSyntax moved, IReadOnlyCollection<StatementSyntax> jumpedOver)
            => !WrittenNames(jumpedOver).Overlaps(IdentifiersIn(moved))
               && !WrittenNames(new[] { moved }).Overlaps(jumpedOver.SelectMany(s => IdentifiersIn(s)))
               && !jumpedOver.Any(s => s.DescendantNodesAndSelf().OfType<LabeledStatementSyntax>().Any());

        private static void AddTarget(HashSet<string> names, ExpressionSyntax target)
        {
            while (target is MemberAccessExpressionSyntax member)
            {
                target = member.Expression;
            }

            if (target is IdentifierNameSyntax identifier)
            {
                names.Add(identifier.Identifier.ValueText);
            }
        }
    }
}
