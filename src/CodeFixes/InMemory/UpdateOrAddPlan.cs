using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>
    /// RACE009's AddOrUpdate for a write in each branch of a <c>TryGetValue</c>:
    /// <c>if (d.TryGetValue(k, out var total)) d[k] = f(total); else d[k] = e;</c> →
    /// <c>d.AddOrUpdate(k, e, (_, total) =&gt; f(total));</c>, which stores <c>f</c> of the value it replaces or
    /// <c>e</c> where there is none, in one step. Offered only when
    /// <list type="bullet">
    /// <item>each branch is that one write to the entry the <c>TryGetValue</c> read, and the <c>if</c> is nothing else;</item>
    /// <item><c>e</c>, <c>f(total)</c> and the key have no effects (<see cref="ExpressionEffects.HasEffects"/>) and do
    /// not read the dictionary: AddOrUpdate evaluates <c>e</c> even when the entry exists and may run the update
    /// more than once under contention;</item>
    /// <item><c>total</c> is declared by the <c>TryGetValue</c> and read nowhere but in <c>f(total)</c>: it becomes the lambda's parameter.</item>
    /// </list>
    /// Null for anything else.
    /// </summary>
    internal static class UpdateOrAddPlan
    {
        /// <summary>The <c>if</c> and the statement that replaces it.</summary>
        public static (IfStatementSyntax Check, string Replacement)? For(DictionaryAccess write, DictionaryAccess read)
        {
            if (read.Member != DictionaryMember.TryGetValue || !(read.Operation is IInvocationOperation { Arguments.Length: 2 } tryGet)
                || !(tryGet.Arguments[1].Value is IDeclarationExpressionOperation declaration)
                || !(OperationFacts.ReferencedSymbol(declaration.Expression) is ILocalSymbol current)
                || !(Enclosing(write) is IConditionalOperation { Syntax: IfStatementSyntax syntax, WhenFalse: { } whenFalse } check)
                || !ReferenceEquals(OperationValues.SkipConversionsAndParentheses(check.Condition), tryGet)
                || !(OnlyWriteIn(check.WhenTrue, read) is { } updated) || !(OnlyWriteIn(whenFalse, read) is { } added)
                || !(tryGet.Instance?.Syntax is ExpressionSyntax dictionary) || !(read.Key.Syntax is ExpressionSyntax key))
            {
                return null;
            }

            bool Movable(IOperation value) => value.Syntax is ExpressionSyntax expression && !ExpressionEffects.HasEffects(expression)
                                              && !expression.DescendantNodesAndSelf().OfType<AnonymousFunctionExpressionSyntax>().Any()
                                              && !value.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary));
            var function = OperationFacts.EnclosingFunction(check) ?? FixDocument.RootOf(check);
            var currentReadElsewhere = function.Descendants().OfType<ILocalReferenceOperation>()
                .Any(r => !r.IsDeclaration && SymbolEqualityComparer.Default.Equals(r.Local, current) && !updated.Syntax.Span.Contains(r.Syntax.Span));
            if (!Movable(updated) || !Movable(added) || !Movable(read.Key) || currentReadElsewhere)
            {
                return null;
            }

            return (syntax, $"{dictionary.WithoutTrivia()}.AddOrUpdate({key.WithoutTrivia()}, {added.Syntax.WithoutTrivia()}, (_, {current.Name}) => {updated.Syntax.WithoutTrivia()});");
        }

        /// <summary>The conditional whose branch the write's statement is, directly or as the only statement of a block.</summary>
        private static IOperation? Enclosing(DictionaryAccess write)
        {
            var statement = write.Operation.Parent?.Parent;
            return statement?.Parent is IBlockOperation { Operations.Length: 1 } block ? block.Parent : statement?.Parent;
        }

        /// <summary>The value a branch stores when the branch is the one statement <c>d[k] = value;</c> on the entry read.</summary>
        private static IOperation? OnlyWriteIn(IOperation branch, DictionaryAccess read)
        {
            var body = branch is IBlockOperation block ? block.Operations : ImmutableArray.Create(branch);
            return body.Length == 1
                   && body[0] is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } target } assignment }
                   && target.Instance?.Type is INamedTypeSymbol dictionaryType
                   && DictionaryAccess.Of(target, dictionaryType.OriginalDefinition) is { Writes: true } written && written.SameEntry(read)
                ? assignment.Value
                : null;
        }
    }
}
