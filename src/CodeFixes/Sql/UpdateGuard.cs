using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Sql;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Rules.Sql;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>
    /// RACE004's guard: the check on the read value that decides whether the write runs
    /// (<c>if (onHand &lt; qty) return false;</c>). Left in code it still reads a stale value, so an atomic
    /// <c>SET c = c - @qty</c> alone keeps the oversell; the fix carries it into the UPDATE's WHERE and runs the
    /// guard's branch when no row was updated. This finds it and states its success condition as SQL, with the
    /// placeholders <see cref="ColumnPlaceholder"/> and <see cref="DeltaPlaceholder"/> the fixer fills in.
    /// </summary>
    internal sealed class UpdateGuard
    {
        public const string ColumnPlaceholder = "{column}";
        public const string DeltaPlaceholder = "{delta}";

        private UpdateGuard(IfStatementSyntax statement, string sqlCondition)
        {
            Statement = statement;
            SqlCondition = sqlCondition;
        }

        /// <summary>The <c>if</c> whose branch leaves when the check fails.</summary>
        public IfStatementSyntax Statement { get; }

        /// <summary>When the write may run, in SQL: <c>{column} &gt;= {delta}</c>.</summary>
        public string SqlCondition { get; }

        /// <summary>
        /// False when a condition on the read value stands between the read and the write in a shape the fix
        /// cannot carry into SQL (several conditions, <c>&amp;&amp;</c>, calls, other columns, an else branch): then
        /// the atomic rewrite is not offered. True otherwise, with the guard when there is one.
        /// </summary>
        public static bool TryFind(ReadModifyWrite write, IReadOnlyList<FlowStep> conditionsOnRead, out UpdateGuard? guard)
        {
            guard = null;
            if (conditionsOnRead.Count == 0)
            {
                return true;
            }

            if (conditionsOnRead.Count > 1 || !(GuardStatementOf(conditionsOnRead[0].Operation.Syntax) is { } statement)
                || !LeavesAlways(statement.Statement) || !(StatementOf(write.Update.Call) is { } update) || !ReturnsRowCount(write.Update.Call)
                || !(statement.Parent is BlockSyntax block) || update.Parent != block || block.Statements.IndexOf(statement) >= block.Statements.IndexOf(update)
                || !(FindOperation(write.Update.Call, statement.Condition) is { } condition))
            {
                return false;
            }

            var between = block.Statements.Skip(block.Statements.IndexOf(statement) + 1).Take(block.Statements.IndexOf(update) - block.Statements.IndexOf(statement) - 1);
            if (!between.All(s => IsSetupOnly(write.Update.Call, s)))
            {
                return false;
            }

            var success = new GuardTranslation(write).Condition(condition, negate: true);
            guard = success != null ? new UpdateGuard(statement, success) : null;
            return guard != null;
        }

        /// <summary>The <c>if</c> (without else) whose whole condition is this branch value.</summary>
        private static IfStatementSyntax? GuardStatementOf(SyntaxNode condition)
        {
            var node = condition;
            while (node.Parent is ParenthesizedExpressionSyntax || (node.Parent is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression)))
            {
                node = node.Parent;
            }

            return node.Parent is IfStatementSyntax statement && statement.Condition == node && statement.Else == null ? statement : null;
        }

        private static bool LeavesAlways(StatementSyntax statement)
        {
            if (statement is BlockSyntax block)
            {
                return block.Statements.Count > 0 && LeavesAlways(block.Statements.Last());
            }

            return statement is ReturnStatementSyntax || statement is ThrowStatementSyntax || statement is ContinueStatementSyntax || statement is BreakStatementSyntax;
        }

        /// <summary>The update as a statement of its own: <c>await db.ExecuteAsync(…);</c>, maybe with ConfigureAwait.</summary>
        private static ExpressionStatementSyntax? StatementOf(IInvocationOperation call)
        {
            return AwaitableWrappers.Outermost(call).Syntax.Parent as ExpressionStatementSyntax;
        }

        /// <summary>Dapper's Execute and ADO.NET's ExecuteNonQuery return the affected-row count the fix tests.</summary>
        private static bool ReturnsRowCount(IInvocationOperation call)
        {
            var type = call.Type;
            if (WellKnownTypes.IsTaskType(type, withResult: true))
            {
                type = ((INamedTypeSymbol)type!).TypeArguments[0];
            }

            return type?.SpecialType == SpecialType.System_Int32;
        }

        private static IOperation? FindOperation(IOperation anywhere, SyntaxNode syntax)
        {
            var root = anywhere;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root.DescendantsAndSelf().FirstOrDefault(o => o.Syntax == syntax);
        }

        /// <summary>
        /// What may stand between the guard and the write, now running before the check: locals and the
        /// command setup of ADO.NET and Dapper (creating a command, binding parameters), never an await or an effect.
        /// </summary>
        private static bool IsSetupOnly(IOperation anywhere, StatementSyntax statement)
        {
            if (statement.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax))
            {
                return false;
            }

            foreach (var node in statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                if (!(FindOperation(anywhere, node) is IInvocationOperation call) || !AdoNetShapes.IsCommandSetup(call.TargetMethod))
                {
                    return false;
                }
            }

            return statement is LocalDeclarationStatementSyntax || statement is ExpressionStatementSyntax;
        }
    }
}
