using System;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// Why a walk is inside a finally block, which decides where it goes when the block ends: an exception entered
    /// it (it rethrows into the handlers around its try), or a branch leaving the try did (it goes on to that
    /// branch's next finally, then its destination — not to where other branches through the same finally go: the
    /// early <c>return</c> inside a <c>lock</c> block does not follow the path that went on past it). The default
    /// value is "neither" (not in a finally, or entered in a way the walk does not know).
    /// </summary>
    internal readonly struct FinallyPath : IEquatable<FinallyPath>
    {
        private FinallyPath(ControlFlowRegion? enteredByException, ControlFlowBranch? leaving, int index)
        {
            EnteredByException = enteredByException;
            Leaving = leaving;
            Index = index;
        }

        /// <summary>The finally region an exception entered, or null.</summary>
        public ControlFlowRegion? EnteredByException { get; }

        /// <summary>The branch whose finally regions are running, or null.</summary>
        public ControlFlowBranch? Leaving { get; }

        /// <summary>Which of <see cref="Leaving"/>'s finally regions is running.</summary>
        public int Index { get; }

        /// <summary>The finally region this path is running because a branch leaves through it, or null.</summary>
        public ControlFlowRegion? RunningFor => Leaving == null ? null : Leaving.FinallyRegions[Index];

        public static FinallyPath ByException(ControlFlowRegion? region) => new FinallyPath(region, null, 0);

        public static FinallyPath Through(ControlFlowBranch branch, int index) => new FinallyPath(null, branch, index);

        public bool Equals(FinallyPath other)
            => ReferenceEquals(EnteredByException, other.EnteredByException) && ReferenceEquals(Leaving, other.Leaving) && Index == other.Index;

        public override bool Equals(object? obj) => obj is FinallyPath other && Equals(other);

        public override int GetHashCode()
            => ((EnteredByException?.GetHashCode() ?? 0) * 31 + (Leaving?.GetHashCode() ?? 0)) * 31 + Index;
    }
}
