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
    /// RACE009's GetOrAdd, when the code has one of its shapes (null for anything else):
    /// <list type="bullet">
    /// <item><c>if (!d.ContainsKey(k)) d[k] = e;</c> (or <c>TryAdd</c>) → <c>d.GetOrAdd(k, _ =&gt; e);</c>;</item>
    /// <item><c>if (!d.TryGetValue(k, out var v)) { v = e; d[k] = v; }</c> → <c>var v = d.GetOrAdd(k, _ =&gt; e);</c>.</item>
    /// </list>
    /// </summary>
    internal static class GetOrAddPlan
    {
        /// <summary>
        /// The checking <c>if</c>, the value the write stores (the indexer set's right side, TryAdd's value
        /// argument), and whether the <c>if</c> declares the out variable the GetOrAdd's result goes to.
        /// </summary>
        public static (IfStatementSyntax Check, ExpressionSyntax Value, bool DeclaresOut)? For(DictionaryAccess write, DictionaryAccess read)
        {
            var statement = write.Operation.Parent is ISimpleAssignmentOperation assignment ? assignment.Parent : write.Operation.Parent;
            if (!(statement is IExpressionStatementOperation)
                || !(statement.Parent is IBlockOperation or IConditionalOperation)
                || !(Enclosing(statement) is IConditionalOperation { WhenFalse: null, Syntax: IfStatementSyntax syntax } check)
                || !(OperationValues.SkipConversionsAndParentheses(check.Condition) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                || !ReferenceEquals(OperationValues.SkipConversionsAndParentheses(not.Operand), read.Operation))
            {
                return null;
            }

            var body = check.WhenTrue is IBlockOperation block ? block.Operations : ImmutableArray.Create(check.WhenTrue);
            bool? declaresOut = read.Member == DictionaryMember.ContainsKey && body.Length == 1 && ReferenceEquals(body[0], statement)
                ? false
                : read.Member == DictionaryMember.TryGetValue && body.Length == 2 && ReferenceEquals(body[1], statement)
                    ? true
                    : null;
            var value = CheckThenAct.ValueOf(write);
            if (declaresOut == null || !(value?.Syntax is ExpressionSyntax valueSyntax)
                || value.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary)))
            {
                return null;
            }

            return (syntax, valueSyntax, declaresOut.Value);
        }

        /// <summary>The conditional the statement belongs to, directly or as the only level of block in between.</summary>
        private static IOperation? Enclosing(IOperation statement)
            => statement.Parent is IBlockOperation block ? block.Parent : statement.Parent;
    }
}
