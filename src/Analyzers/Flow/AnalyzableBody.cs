using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow
{
    /// <summary>Which method body an operation-block callback should analyze, if any.</summary>
    internal static class AnalyzableBody
    {
        /// <summary>
        /// The body's root operation and the operation block Roslyn handed over (for its control-flow graph), when
        /// the body is a method, constructor or top-level body without syntax errors and with at least two calls.
        /// </summary>
        public static bool TryGet(OperationBlockAnalysisContext context, out IOperation root, out IOperation block)
        {
            foreach (var candidate in context.OperationBlocks)
            {
                var top = candidate;
                while (top.Parent != null)
                {
                    top = top.Parent;
                }

                if ((top is IMethodBodyOperation || top is IConstructorBodyOperation || top is IBlockOperation)
                    && !OperationFacts.HasSyntaxErrors(top) && OperationFacts.HasTwoCalls(top))
                {
                    root = top;
                    block = candidate;
                    return true;
                }
            }

            root = null!;
            block = null!;
            return false;
        }
    }
}
