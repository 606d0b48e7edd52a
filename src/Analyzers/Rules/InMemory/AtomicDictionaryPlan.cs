using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>
    /// RACE009's fixes, when the code has one of their shapes:
    /// <list type="bullet">
    /// <item><c>d[k] = d[k] ± x;</c> (or <c>d.GetValueOrDefault(k) ± x</c>) → <c>d.AddOrUpdate(k, ±x, (_, current) =&gt; current ± x)</c>;</item>
    /// <item><c>if (!d.ContainsKey(k)) d[k] = e;</c> (or <c>TryAdd</c>) → <c>d.GetOrAdd(k, _ =&gt; e);</c>;</item>
    /// <item><c>if (!d.TryGetValue(k, out var v)) { v = e; d[k] = v; }</c> → <c>var v = d.GetOrAdd(k, _ =&gt; e);</c>.</item>
    /// </list>
    /// Null for anything else (the diagnostic then stands without a fix).
    /// </summary>
    internal static class AtomicDictionaryPlan
    {
        public static ImmutableDictionary<string, string?>? For(DictionaryAccess write, DictionaryAccess read)
            => Increment(write, read) ?? AddWhenMissing(write, read);

        private static ImmutableDictionary<string, string?>? Increment(DictionaryAccess write, DictionaryAccess read)
        {
            if (!(write.Operation.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment)
                || !(OperationValues.SkipConversionsAndParentheses(assignment.Value) is IBinaryOperation binary)
                || (binary.OperatorKind != BinaryOperatorKind.Add && binary.OperatorKind != BinaryOperatorKind.Subtract))
            {
                return null;
            }

            IOperation delta;
            if (ReferenceEquals(OperationValues.SkipConversionsAndParentheses(binary.LeftOperand), read.Operation))
            {
                delta = binary.RightOperand;
            }
            else if (binary.OperatorKind == BinaryOperatorKind.Add && ReferenceEquals(OperationValues.SkipConversionsAndParentheses(binary.RightOperand), read.Operation))
            {
                delta = binary.LeftOperand;
            }
            else
            {
                return null;
            }

            if (delta.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary)))
            {
                return null;
            }

            var span = OperationValues.SkipConversionsAndParentheses(delta)!.Syntax.Span;
            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.AddOrUpdateFix)
                .Add(FixProperties.Operator, binary.OperatorKind == BinaryOperatorKind.Add ? "+" : "-")
                .Add(FixProperties.DeltaStart, span.Start.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.DeltaEnd, span.End.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>The write is the whole body of an <c>if</c> (no else) whose condition is <c>!d.ContainsKey(k)</c> or <c>!d.TryGetValue(k, out var v)</c>.</summary>
        private static ImmutableDictionary<string, string?>? AddWhenMissing(DictionaryAccess write, DictionaryAccess read)
        {
            var statement = write.Operation.Parent is ISimpleAssignmentOperation assignment ? assignment.Parent : write.Operation.Parent;
            if (!(statement is IExpressionStatementOperation)
                || !(statement.Parent is IBlockOperation or IConditionalOperation)
                || !(Enclosing(statement) is IConditionalOperation { WhenFalse: null } check)
                || !(OperationValues.SkipConversionsAndParentheses(check.Condition) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                || !ReferenceEquals(OperationValues.SkipConversionsAndParentheses(not.Operand), read.Operation))
            {
                return null;
            }

            var body = check.WhenTrue is IBlockOperation block ? block.Operations : ImmutableArray.Create(check.WhenTrue);
            var kind = read.Member == DictionaryMember.ContainsKey && body.Length == 1 && ReferenceEquals(body[0], statement)
                ? FixProperties.GetOrAddFix
                : read.Member == DictionaryMember.TryGetValue && body.Length == 2 && ReferenceEquals(body[1], statement)
                    ? FixProperties.GetOrAddOutFix
                    : null;
            var value = CheckThenAct.ValueOf(write);
            if (kind == null || value == null || value.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary)))
            {
                return null;
            }

            return ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, kind)
                .Add(FixProperties.CheckStart, check.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>The conditional the statement belongs to, directly or as the only level of block in between.</summary>
        private static IOperation? Enclosing(IOperation statement)
            => statement.Parent is IBlockOperation block ? block.Parent : statement.Parent;
    }
}
