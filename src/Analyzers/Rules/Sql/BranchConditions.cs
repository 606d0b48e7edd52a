using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>The branch conditions of a method's graph, and what flows into them.</summary>
    internal static class BranchConditions
    {
        /// <summary>The step is a block's branch value (the condition it leaves on), not one of its operations.</summary>
        public static bool IsCondition(FlowStep step) => step.Index >= step.Block.Operations.Length;

        /// <summary>
        /// What flows into a branch condition, through the values the graph captured for it: a <c>switch</c> on
        /// the count compares a capture of it with each case.
        /// </summary>
        public static HashSet<ISymbol> RootsOf(FlowStep condition, ValueRoots roots)
        {
            var found = roots.Of(condition.Operation, everyValue: true);
            foreach (var operation in condition.Operation.DescendantsAndSelf())
            {
                if (operation is IFlowCaptureReferenceOperation reference && CapturedValue(condition.Graph, reference.Id) is { } value)
                {
                    found.UnionWith(roots.Of(value, everyValue: true));
                }
            }

            return found;
        }

        private static IOperation? CapturedValue(ControlFlowGraph graph, CaptureId id)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture && capture.Id.Equals(id))
                    {
                        return capture.Value;
                    }
                }
            }

            return null;
        }
    }
}
