using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// RACE004's counter form: the SELECT's result kept in a local, stepped once by a statement of its own
    /// (<c>hits++</c>, <c>--hits</c>, <c>hits += n</c>, <c>hits = hits - n</c>) and bound to the UPDATE. Only when the
    /// local is used nowhere else: then <c>SET c = c ± @n</c> writes what the code meant, and nothing else read
    /// the stepped value. The delta is a constant or a value assigned once, so evaluating it at the UPDATE gives
    /// what the step added.
    /// </summary>
    internal sealed class CounterStep
    {
        private CounterStep(IOperation step, IOperation? delta, bool subtracts)
        {
            Step = step;
            Delta = delta;
            Operator = subtracts ? "-" : "+";
        }

        /// <summary>The increment, decrement or assignment that steps the local.</summary>
        public IOperation Step { get; }

        /// <summary>What the step adds or subtracts; null for <c>++</c> and <c>--</c> (one).</summary>
        public IOperation? Delta { get; }

        /// <summary>"+" or "-".</summary>
        public string Operator { get; }

        public static CounterStep? Of(SqlExecution update, string parameter, HashSet<ISymbol> readResults)
        {
            if (!(OperationValues.SkipConversionsAndParentheses(update.ParameterValue(parameter)) is ILocalReferenceOperation bound)
                || !readResults.Contains(bound.Local))
            {
                return null;
            }

            var local = bound.Local;
            var root = RootOf(bound);
            CounterStep? found = null;
            var references = 0;
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    references++;
                }
                else if (StepOf(operation, local) is { } step)
                {
                    if (found != null)
                    {
                        return null;
                    }

                    found = step;
                }
            }

            // The bound value, the step's target, and for `hits = hits + n` its operand: nothing else reads or writes the local.
            var expected = found?.Step is ISimpleAssignmentOperation ? 3 : 2;
            return found != null && references == expected && StandsBetween(found.Step, DeclarationOf(root, local), update) && IsStable(found.Delta, root)
                ? found
                : null;
        }

        private static CounterStep? StepOf(IOperation operation, ILocalSymbol local)
        {
            switch (operation)
            {
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } step when Is(target, local):
                    return new CounterStep(step, null, step.Kind == OperationKind.Decrement);
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target, OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } step
                    when Is(target, local) && !ReadsLocal(step.Value, local):
                    return new CounterStep(step, step.Value, step.OperatorKind == BinaryOperatorKind.Subtract);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } step when Is(target, local)
                    && OperationValues.SkipConversionsAndParentheses(step.Value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary:
                    var subtracts = binary.OperatorKind == BinaryOperatorKind.Subtract;
                    if (IsLocal(binary.LeftOperand, local) && !ReadsLocal(binary.RightOperand, local))
                    {
                        return new CounterStep(step, binary.RightOperand, subtracts);
                    }

                    return !subtracts && IsLocal(binary.RightOperand, local) && !ReadsLocal(binary.LeftOperand, local) ? new CounterStep(step, binary.LeftOperand, false) : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The step is a statement of its own in the block that declares the local and runs the UPDATE, after the
        /// declaration and before the UPDATE: it runs exactly once on every path from the read to the write.
        /// </summary>
        private static bool StandsBetween(IOperation step, SyntaxNode? declaration, SqlExecution update)
        {
            if (!(step.Syntax.Parent is ExpressionStatementSyntax statement) || !(statement.Parent is BlockSyntax block)
                || !(StatementIn(block, declaration) is { } declared) || !(StatementIn(block, update.Call.Syntax) is { } write))
            {
                return false;
            }

            var at = block.Statements.IndexOf(statement);
            return block.Statements.IndexOf(declared) < at && at < block.Statements.IndexOf(write);
        }

        /// <summary>The statement of <paramref name="block"/> that holds <paramref name="node"/>.</summary>
        private static StatementSyntax? StatementIn(BlockSyntax block, SyntaxNode? node)
        {
            for (var current = node; current != null && current != block; current = current.Parent)
            {
                if (current.Parent == block)
                {
                    return current as StatementSyntax;
                }
            }

            return null;
        }

        private static SyntaxNode? DeclarationOf(IOperation root, ILocalSymbol local)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Syntax;
                }
            }

            return null;
        }

        /// <summary>
        /// The delta has the same value at the UPDATE as at the step: a constant, or a local or parameter nothing
        /// assigns after it is declared.
        /// </summary>
        private static bool IsStable(IOperation? delta, IOperation root)
        {
            var value = OperationValues.SkipConversionsAndParentheses(delta);
            if (value == null || value.ConstantValue.HasValue)
            {
                return true;
            }

            var symbol = value switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None => parameter.Parameter,
                _ => null,
            };
            if (symbol == null)
            {
                return false;
            }

            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                var written = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation step => step.Target,
                    IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument => argument.Value,
                    _ => null,
                };
                if (written != null && SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(written), symbol))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Is(ILocalReferenceOperation reference, ILocalSymbol local) => SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool IsLocal(IOperation operand, ILocalSymbol local)
            => OperationValues.SkipConversionsAndParentheses(operand) is ILocalReferenceOperation reference && Is(reference, local);

        private static bool ReadsLocal(IOperation operand, ILocalSymbol local)
        {
            foreach (var operation in operand.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference && Is(reference, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
