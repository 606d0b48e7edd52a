namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// A lock a method leaves to its caller: taken and still held when it returns (a helper that enters and
    /// returns a releaser, an <c>Acquire()</c> of an <c>Acquire()/Release()</c> pair), or given back without having
    /// been taken there (the <c>Release()</c> of the pair, a releaser's <c>Dispose</c>).
    /// </summary>
    internal sealed class LockHandOff
    {
        public LockHandOff(HeldLock held, bool takes)
        {
            Held = held;
            Takes = takes;
        }

        public HeldLock Held { get; }

        /// <summary>True when the caller holds it after the call; false when the call gives it back.</summary>
        public bool Takes { get; }
    }
}
