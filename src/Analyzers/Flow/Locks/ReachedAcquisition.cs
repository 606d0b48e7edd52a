using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>A lock a call takes somewhere below it, with the chain of source methods that leads there.</summary>
    internal sealed class ReachedAcquisition
    {
        public ReachedAcquisition(LockAcquisition acquisition, ImmutableArray<IMethodSymbol> path, LockHop hop, LockId? id = null)
        {
            Acquisition = acquisition;
            Path = path;
            Hop = hop;
            Id = id ?? acquisition.Id;
        }

        /// <summary>The lock as the first called method names it: on its <c>this</c>, a parameter, a stable member, or an object it cannot name.</summary>
        public LockId Id { get; }

        public LockAcquisition Acquisition { get; }

        /// <summary>The called method first, the method that takes the lock last.</summary>
        public ImmutableArray<IMethodSymbol> Path { get; }

        /// <summary>Whose lock it is, relative to the object the first call runs on.</summary>
        public LockHop Hop { get; }

        /// <summary>Every call on the way is on <c>this</c> (or static) and the lock is the instance's own.</summary>
        public bool OnThis => Hop == LockHop.Same;
    }
}
