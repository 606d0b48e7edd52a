using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>
    /// What is known to hold where a statement runs, from the code around it in its function: the conditions of
    /// the <c>if</c>s it sits in (a conjunct of a taken branch is true, a disjunct of a branch not taken false), and
    /// of the guards before it that leave (<c>if (c) return;</c>: every disjunct of <c>c</c> false). Negations are
    /// folded in: a fact is an operation and the truth value it had.
    /// </summary>
    internal static class HoldingConditions
    {
        public static List<(IOperation Condition, bool Value)> At(IOperation operation)
        {
            var facts = new List<(IOperation, bool)>();
            for (IOperation? child = operation, parent = child.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        return facts;
                    case IConditionalOperation conditional when ReferenceEquals(conditional.WhenTrue, child):
                        Add(facts, conditional.Condition, true);
                        break;
                    case IConditionalOperation conditional when ReferenceEquals(conditional.WhenFalse, child):
                        Add(facts, conditional.Condition, false);
                        break;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is IConditionalOperation { WhenFalse: null } guard && CheckThenAct.Leaves(guard.WhenTrue))
                            {
                                Add(facts, guard.Condition, false);
                            }
                        }

                        break;
                }
            }

            return facts;
        }

        /// <summary><c>a &amp;&amp; b</c> true: both are; <c>a || b</c> false: neither is; <c>!a</c>: <c>a</c> with the other value.</summary>
        private static void Add(List<(IOperation, bool)> facts, IOperation condition, bool value)
        {
            var bare = OperationValues.SkipConversionsAndParentheses(condition);
            switch (bare)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    Add(facts, not.Operand, !value);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when value:
                    Add(facts, both.LeftOperand, true);
                    Add(facts, both.RightOperand, true);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !value:
                    Add(facts, either.LeftOperand, false);
                    Add(facts, either.RightOperand, false);
                    break;
                default:
                    facts.Add((bare ?? condition, value));
                    break;
            }
        }
    }
}
