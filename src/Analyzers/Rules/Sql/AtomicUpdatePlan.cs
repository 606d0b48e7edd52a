using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// When RACE004's written value is the read value plus or minus something, everything the fixer needs to
    /// rewrite the UPDATE into <c>SET c = c ± @delta</c>: the delta expression, the SQL literal, the binding, and
    /// the guard on the read value the UPDATE must carry (<see cref="UpdateGuard"/>). Null when the shape is
    /// anything else, or a check on the read value cannot be carried into SQL (the diagnostic then stands without this fix).
    /// </summary>
    internal static class AtomicUpdatePlan
    {
        public static ImmutableDictionary<string, string?>? For(
            SqlExecution update, SqlExecution read, string column, string parameter, HashSet<ISymbol> readResults, ValueRoots roots, Func<IReadOnlyList<FlowStep>> conditionsOnRead)
        {
            var sql = RewritableSql.Of(update.SqlOperand);
            var binding = update.ParameterBinding(parameter);
            var value = update.ParameterValue(parameter);
            if (sql == null || binding == null || value == null)
            {
                return null;
            }

            var computed = OperationValues.SkipConversionsAndParentheses(value) is ILocalReferenceOperation local ? OperationValues.SingleAssignedValue(local) : value;
            if (!(OperationValues.SkipConversionsAndParentheses(computed) is IBinaryOperation binary) || (binary.OperatorKind != BinaryOperatorKind.Add && binary.OperatorKind != BinaryOperatorKind.Subtract))
            {
                return null;
            }

            bool FromRead(IOperation operand) => roots.Of(operand, everyValue: true).Overlaps(readResults);
            IOperation delta, readValue;
            if (FromRead(binary.LeftOperand) && !FromRead(binary.RightOperand))
            {
                (readValue, delta) = (binary.LeftOperand, binary.RightOperand);
            }
            else if (binary.OperatorKind == BinaryOperatorKind.Add && FromRead(binary.RightOperand) && !FromRead(binary.LeftOperand))
            {
                (readValue, delta) = (binary.RightOperand, binary.LeftOperand);
            }
            else
            {
                return null;
            }

            var write = new ReadModifyWrite(update, readValue, delta, readResults, roots);
            if (!UpdateGuard.TryFind(write, conditionsOnRead(), out var guard))
            {
                return null;
            }

            var span = OperationValues.SkipConversionsAndParentheses(delta)!.Syntax.Span;
            var plan = ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, FixProperties.AtomicUpdateFix)
                .Add(FixProperties.Column, column)
                .Add(FixProperties.Parameter, parameter)
                .Add(FixProperties.Operator, binary.OperatorKind == BinaryOperatorKind.Add ? "+" : "-")
                .Add(FixProperties.DeltaStart, span.Start.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.DeltaEnd, span.End.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.SqlLiteralStart, sql.SpanStart.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.BindingStart, binding.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
            return guard == null ? plan : plan
                .Add(FixProperties.GuardStart, guard.Statement.SpanStart.ToString(CultureInfo.InvariantCulture))
                .Add(FixProperties.GuardCondition, guard.SqlCondition)
                .Add(FixProperties.ReadStart, read.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }
    }
}
