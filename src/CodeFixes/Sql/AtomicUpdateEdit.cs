using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RaceAnalyzers.CodeFixes.Sql
{
    /// <summary>The nodes and values of one "Update atomically in SQL" rewrite, as the diagnostic describes them.</summary>
    internal sealed class AtomicUpdateEdit
    {
        public AtomicUpdateEdit(ExpressionSyntax delta, LiteralExpressionSyntax sql, SyntaxNode binding, string column, string parameter, string op, bool stepsCounter = false)
        {
            StepsCounter = stepsCounter;
            Delta = delta;
            Sql = sql;
            Binding = binding;
            Column = column;
            Parameter = parameter;
            Operator = op;
        }

        /// <summary>
        /// What is added to or subtracted from the read value; for a counter (<see cref="StepsCounter"/>), the step
        /// itself (<c>hits++</c>, <c>hits += n</c>), whose statement the rewrite removes.
        /// </summary>
        public ExpressionSyntax Delta { get; }

        /// <summary>The read value's local is stepped in place and bound to the UPDATE (<c>hits++</c>, RACE004's counter form).</summary>
        public bool StepsCounter { get; }

        /// <summary>The UPDATE's string literal.</summary>
        public LiteralExpressionSyntax Sql { get; }

        /// <summary>The anonymous-object member or <c>AddWithValue</c> call binding the SET parameter.</summary>
        public SyntaxNode Binding { get; }

        public string Column { get; }

        public string Parameter { get; }

        /// <summary>"+" or "-".</summary>
        public string Operator { get; }

        /// <summary>The <c>if</c> checking the read value before the UPDATE, when there is one.</summary>
        public IfStatementSyntax? Guard { get; private set; }

        /// <summary>The guard's success condition in SQL, with <c>{column}</c> and <c>{delta}</c> placeholders.</summary>
        public string? GuardCondition { get; private set; }

        /// <summary>The UPDATE's executing call, whose row count the guard's branch now tests.</summary>
        public SyntaxNode? UpdateCall { get; private set; }

        /// <summary>The SELECT's call, removed with its local when nothing else uses what it read.</summary>
        public SyntaxNode? ReadCall { get; private set; }

        /// <summary>The ADO.NET command only the SELECT ran, removed with it.</summary>
        public ReadCommand? ReadCommand { get; private set; }

        public AtomicUpdateEdit WithGuard(IfStatementSyntax? guard, string? condition, SyntaxNode? updateCall, SyntaxNode? readCall, ReadCommand? readCommand)
        {
            var edit = new AtomicUpdateEdit(Delta, Sql, Binding, Column, Parameter, Operator, StepsCounter);
            edit.Guard = guard;
            edit.GuardCondition = condition;
            edit.UpdateCall = updateCall;
            edit.ReadCall = readCall;
            edit.ReadCommand = readCommand;
            return edit;
        }
    }
}
