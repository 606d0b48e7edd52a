using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// Whose lock a call reaches, relative to the caller's own object: the same object (static, or calls on
    /// <c>this</c>), an object of the caller's own kind (a wrapper calling the target it wraps, a group its
    /// members: a composite), or some other object.
    /// </summary>
    internal enum LockHop
    {
        Same,
        Composite,
        Other,
    }

    internal static class LockHops
    {
        /// <summary>The relation of a chain of two steps: any other object makes it other; composites stay composite.</summary>
        public static LockHop Then(this LockHop first, LockHop second) => first > second ? first : second;
    }

    /// <summary>A lock held at some point of a method: which, how, and where it was taken.</summary>
    internal sealed class HeldLock
    {
        public HeldLock(LockId id, LockPrimitive primitive, LockMode mode, Location site, bool scopeBound, bool certain, string takenBy, bool unfailing = false)
        {
            Unfailing = unfailing;
            Id = id;
            Primitive = primitive;
            Mode = mode;
            Site = site;
            ScopeBound = scopeBound;
            Certain = certain;
            TakenBy = takenBy;
        }

        /// <summary>
        /// Taken by a call that cannot fail (no try, no timeout): held on every path after it. For a lock given back
        /// without having been taken: given back on every path through the body that returns, no test before it
        /// (a test of constants and readonly fields aside: configuration, not whether the lock was taken).
        /// </summary>
        public bool Certain { get; }

        /// <summary>
        /// Taken by a wait that cannot end without the lock: <c>SemaphoreSlim.Wait()</c> / <c>WaitAsync()</c> with
        /// no token and no timeout (only a disposed semaphore throws, and then its release throws too).
        /// </summary>
        public bool Unfailing { get; }

        /// <summary>How the code took it, for messages: <c>lock</c>, <c>Monitor.Enter</c>, <c>EnterWriteLock</c>.</summary>
        public string TakenBy { get; }

        /// <summary>The field or property as code names it (<c>_asks</c>, <c>from.Sync</c>), or the parameter.</summary>
        public string Display => Id.Member == null ? Id.Name
            : Id.Through != null ? Id.Through.Name + "." + Id.Name
            : Id.Name;

        public LockId Id { get; }

        public LockPrimitive Primitive { get; }

        public LockMode Mode { get; }

        public Location Site { get; }

        /// <summary>Held until the end of its <c>using</c> or block (a <c>lock</c> body, a releaser), not until an explicit exit.</summary>
        public bool ScopeBound { get; }

        public bool ThreadAffine => Primitive != LockPrimitive.Semaphore && Primitive != LockPrimitive.Library;
    }

    /// <summary>A lock taken in a method, with the locks already held there.</summary>
    internal sealed class LockAcquisition
    {
        public LockAcquisition(HeldLock taken, bool blocks, ImmutableArray<HeldLock> held, IParameterSymbol? unorderedPartner)
        {
            Taken = taken;
            Blocks = blocks;
            Held = held;
            UnorderedPartner = unorderedPartner;
        }

        public HeldLock Taken { get; }

        public LockId Id => Taken.Id;

        public Location Site => Taken.Site;

        /// <summary>False for a try or a wait with a timeout: it cannot wait forever.</summary>
        public bool Blocks { get; }

        public ImmutableArray<HeldLock> Held { get; }

        /// <summary>
        /// The parameter whose lock of the same kind is already held, when no comparison of the two orders them
        /// (<c>lock (from) { lock (to) … }</c>): two calls with the arguments swapped deadlock.
        /// </summary>
        public IParameterSymbol? UnorderedPartner { get; }
    }

    /// <summary>A call made in a method, with the locks held around it.</summary>
    internal sealed class LockedCall
    {
        public LockedCall(
            CallTarget target, LockHop hop, bool isCallback, Location site, ImmutableArray<HeldLock> held, ISymbol? callbackSource = null,
            ImmutableArray<IMethodSymbol> delegateTargets = default, CallFrame? frame = null, ImmutableArray<HeldLock> handedOver = default)
        {
            DelegateTargets = delegateTargets.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : delegateTargets;
            Target = target;
            Hop = hop;
            IsCallback = isCallback;
            Site = site;
            Held = held;
            CallbackSource = callbackSource;
            Frame = frame ?? CallFrame.Opaque;
            HandedOver = handedOver.IsDefault ? ImmutableArray<HeldLock>.Empty : handedOver;
        }

        /// <summary>The objects the call runs on and passes, in the caller's frame.</summary>
        public CallFrame Frame { get; }

        /// <summary>The locks the call leaves held to the caller (a helper's take, a releaser's constructor), named in the caller's frame.</summary>
        public ImmutableArray<HeldLock> HandedOver { get; }

        /// <summary>What the call can run: the method, the receiver's type, and whether it dispatches.</summary>
        public CallTarget Target { get; }

        public IMethodSymbol Callee => Target.Method;

        /// <summary>Which object the callee runs on, relative to the caller's.</summary>
        public LockHop Hop { get; }

        /// <summary>Static, or called on <c>this</c>: the callee's locks on <c>this</c> are the caller's.</summary>
        public bool OnThis => Hop == LockHop.Same;

        /// <summary>A delegate or event invocation: code the method does not control.</summary>
        public bool IsCallback { get; }

        /// <summary>For a callback, what the delegate is read from: an event, field, property, parameter or local (null when it is computed).</summary>
        public ISymbol? CallbackSource { get; }

        /// <summary>
        /// For a callback, the source methods and lambdas it is known to run (an event's subscribers): they run
        /// here, as part of this call, at the caller's call depth.
        /// </summary>
        public ImmutableArray<IMethodSymbol> DelegateTargets { get; }

        public Location Site { get; }

        public ImmutableArray<HeldLock> Held { get; }
    }

    /// <summary>An <c>await</c> reached while locks are held.</summary>
    internal sealed class LockedAwait
    {
        public LockedAwait(Location site, IMethodSymbol? awaited, ImmutableArray<HeldLock> held)
        {
            Site = site;
            Awaited = awaited;
            Held = held;
        }

        public Location Site { get; }

        /// <summary>The method whose task is awaited, when the await is on a call.</summary>
        public IMethodSymbol? Awaited { get; }

        public ImmutableArray<HeldLock> Held { get; }
    }

    /// <summary>What one method body does with locks, read once in syntax order.</summary>
    internal sealed class LockFacts
    {
        public static readonly LockFacts None = new LockFacts(
            ImmutableArray<LockAcquisition>.Empty, ImmutableArray<LockedCall>.Empty, ImmutableArray<LockedAwait>.Empty, ImmutableArray<LockHandOff>.Empty, heldThroughCalls: false);

        public LockFacts(
            ImmutableArray<LockAcquisition> acquisitions, ImmutableArray<LockedCall> calls, ImmutableArray<LockedAwait> awaits,
            ImmutableArray<LockHandOff> handOffs, bool heldThroughCalls)
        {
            Acquisitions = acquisitions;
            Calls = calls;
            Awaits = awaits;
            HandOffs = handOffs;
            HeldThroughCalls = heldThroughCalls;
        }

        /// <summary>What the body leaves to its callers: locks still held when it returns, locks it gives back without taking.</summary>
        public ImmutableArray<LockHandOff> HandOffs { get; }

        /// <summary>A call made here left a lock held (a helper's take): the body holds locks without acquiring them itself.</summary>
        public bool HeldThroughCalls { get; }

        /// <summary>Nothing here takes a lock, itself or through a helper: the rules have nothing to ask.</summary>
        public bool HoldsNothing => Acquisitions.IsEmpty && !HeldThroughCalls;

        public ImmutableArray<LockAcquisition> Acquisitions { get; }

        /// <summary>Every call of a method, held locks or not (summaries follow them all).</summary>
        public ImmutableArray<LockedCall> Calls { get; }

        /// <summary>Awaits reached while at least one lock is held.</summary>
        public ImmutableArray<LockedAwait> Awaits { get; }
    }
}
