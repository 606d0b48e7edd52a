using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// Decides, before a control-flow graph is built, whether a body may take or release a lock through helpers of
    /// its own inside a <c>try</c>/<c>finally</c> (RACE002's mirror bug one call down: a private method that waits on
    /// the semaphore and returns holding it, called inside the try whose finally calls one that releases it).
    /// </summary>
    internal static class HelperLockPairs
    {
        /// <summary>On syntax: a <c>finally</c>, and a call of a method that can take or give back a lock within one call.</summary>
        public static bool MayHave(SyntaxNode block, LockSummaries locks)
            => locks.MayHoldThroughCalls(block) && block.DescendantNodes().Any(node => node is FinallyClauseSyntax);

        /// <summary>A try whose body calls a helper that leaves a lock held, or whose finally calls one that gives a lock back.</summary>
        public static bool InTryFinally(IOperation root, Func<IInvocationOperation, ImmutableArray<LockHandOff>> handOffsAt)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is ITryOperation { Finally: { } cleanup } guarded
                    && (Calls(guarded.Body, handOffsAt, takes: true) || Calls(cleanup, handOffsAt, takes: false)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Calls(IOperation region, Func<IInvocationOperation, ImmutableArray<LockHandOff>> handOffsAt, bool takes)
        {
            foreach (var operation in region.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty
                    && handOffsAt(call).Any(handOff => handOff.Takes == takes))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
