using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>The kind of lock a call takes or gives back; decides ownership and re-entry.</summary>
    internal enum LockPrimitive
    {
        /// <summary>The <c>lock</c> statement and <c>Monitor</c>: thread-owned, re-entrant.</summary>
        Monitor,
        /// <summary><c>System.Threading.Lock</c>: thread-owned, re-entrant.</summary>
        Lock,
        /// <summary><c>SemaphoreSlim</c> made with one slot: owned by no thread, not re-entrant.</summary>
        Semaphore,
        /// <summary><c>ReaderWriterLockSlim</c>: thread-owned, not re-entrant unless made with SupportsRecursion.</summary>
        ReaderWriter,
        /// <summary><c>Mutex</c>: thread-owned, re-entrant.</summary>
        Mutex,
        /// <summary><c>SpinLock</c>: thread-owned when tracking owners, never re-entrant.</summary>
        SpinLock,
        /// <summary>An async-lock library's or an in-house lock (configured, or a <c>*Lock*</c> type's releaser).</summary>
        Library,
    }

    /// <summary>Who else may hold the lock at the same time.</summary>
    internal enum LockMode
    {
        Exclusive,
        /// <summary>A read lock: readers do not exclude each other.</summary>
        Read,
        /// <summary>An upgradeable read lock: excludes writers and other upgradeable readers, not readers.</summary>
        Upgradeable,
    }

    /// <summary>A call that takes or gives back a lock, and the operation naming the lock object.</summary>
    internal readonly struct LockCall
    {
        public LockCall(bool enters, LockPrimitive primitive, LockMode mode, bool blocks, IOperation? lockObject, bool returnsReleaser)
        {
            Enters = enters;
            Primitive = primitive;
            Mode = mode;
            Blocks = blocks;
            LockObject = lockObject;
            ReturnsReleaser = returnsReleaser;
        }

        /// <summary>True for a take, false for a give-back.</summary>
        public bool Enters { get; }

        public LockPrimitive Primitive { get; }

        public LockMode Mode { get; }

        /// <summary>False for a try without a timeout, or with a finite one: it cannot wait forever.</summary>
        public bool Blocks { get; }

        /// <summary>The receiver or argument that is the lock (null when it cannot be told).</summary>
        public IOperation? LockObject { get; }

        /// <summary>The call returns what releases the lock (<c>Lock.EnterScope()</c>, <c>await m.LockAsync()</c>): held while that lives.</summary>
        public bool ReturnsReleaser { get; }
    }
}
