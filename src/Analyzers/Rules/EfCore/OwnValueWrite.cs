using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.EfCore
{
    /// <summary>
    /// A write of an entity's mapped property that depends on the value it had when loaded: <c>p.Stock -= qty</c>,
    /// <c>p.Stock++</c>, <c>p.Stock = p.Stock - qty</c>, <c>p.Stock = left</c> where <c>left</c> was computed from
    /// it, or any write after a condition on it (<c>if (p.Stock &lt; qty) return; p.Stock = …</c>).
    /// </summary>
    internal static class OwnValueWrite
    {
        public static IEnumerable<(IOperation Write, IPropertySymbol Property)> In(IOperation root, ILocalSymbol entity)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                var (target, value) = operation switch
                {
                    ICompoundAssignmentOperation compound => (compound.Target, null),
                    IIncrementOrDecrementOperation step => (step.Target, null),
                    ISimpleAssignmentOperation simple => (simple.Target, simple.Value),
                    _ => (null, (IOperation?)null),
                };
                if (!(target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } reference)
                    || !SymbolEqualityComparer.Default.Equals(owner.Local, entity)
                    || !EfCoreShapes.IsMappedScalar(reference.Property))
                {
                    continue;
                }

                if (value == null || Reads(value, entity, reference.Property, root, depth: 0) || DecidedByConditionOn(operation, entity, reference.Property, root))
                {
                    yield return (operation, reference.Property);
                }
            }
        }

        /// <summary>The value reads the property, or a local whose value was computed from it.</summary>
        private static bool Reads(IOperation value, ILocalSymbol entity, IPropertySymbol property, IOperation root, int depth)
        {
            foreach (var part in value.DescendantsAndSelf())
            {
                if (IsReadOf(part, entity, property))
                {
                    return true;
                }

                if (depth < 2 && part is ILocalReferenceOperation local && !SymbolEqualityComparer.Default.Equals(local.Local, entity))
                {
                    foreach (var assigned in ValuesOf(local.Local, root))
                    {
                        if (Reads(assigned, entity, property, root, depth + 1))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>A condition on the property's loaded value before the write, in its function: an if around it or a guard that leaves.</summary>
        private static bool DecidedByConditionOn(IOperation write, ILocalSymbol entity, IPropertySymbol property, IOperation root)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IConditionalOperation conditional
                    && conditional.Syntax.SpanStart < write.Syntax.SpanStart
                    && Reads(conditional.Condition, entity, property, root, depth: 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReadOf(IOperation operation, ILocalSymbol entity, IPropertySymbol property)
            => operation is IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } reference
               && SymbolEqualityComparer.Default.Equals(owner.Local, entity)
               && SymbolEqualityComparer.Default.Equals(reference.Property, property)
               && !OperationFacts.IsWrite(reference);

        private static IEnumerable<IOperation> ValuesOf(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && declarator.Initializer != null:
                        yield return declarator.Initializer.Value;
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        yield return assignment.Value;
                        break;
                }
            }
        }
    }
}
