using System;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// How code takes and gives back exclusive locks beyond the <c>lock</c> statement: an async-lock library's
    /// releaser (<c>await _mutex.LockAsync()</c>), <c>Lock.EnterScope()</c>, a semaphore's wait and release.
    /// </summary>
    internal static class LockShapes
    {
        private static readonly string[] TakingNames = { "Lock", "Acquire", "AcquireLock", "Enter", "EnterScope", "WriterLock", "WriteLock", "TakeLock" };

        /// <summary>Releases that end an exclusive section (not a read lock's exit: readers do not exclude each other).</summary>
        private static readonly string[] ExclusiveReleaseNames = { "Release", "Exit", "ExitWriteLock", "ReleaseMutex" };

        /// <summary>
        /// A call that takes an exclusive lock and hands back what releases it: one of the taking names (sync or
        /// Async), or a non-void method of a type named <c>*Lock*</c>/<c>*Mutex*</c> that is not a reader lock.
        /// </summary>
        public static bool TakesExclusiveLock(IMethodSymbol method)
        {
            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            if (Array.IndexOf(TakingNames, name) >= 0)
            {
                return true;
            }

            var owner = method.ContainingType?.Name ?? string.Empty;
            var lockType = owner.IndexOf("Lock", StringComparison.Ordinal) >= 0 || owner.IndexOf("Mutex", StringComparison.Ordinal) >= 0;
            return lockType && !method.ReturnsVoid && !name.StartsWith("Read", StringComparison.Ordinal);
        }

        /// <summary>What async-lock libraries and in-house lock types call the take that returns a releaser.</summary>
        private static readonly string[] LibraryTakeNames = { "Lock", "AcquireLock", "TakeLock", "WriterLock", "WriteLock", "ReaderLock", "ReadLock", "UpgradeableReaderLock", "UpgradeableReadLock" };

        public static bool IsLibraryLockName(string name) => Array.IndexOf(LibraryTakeNames, MethodNames.WithoutAsyncSuffix(name)) >= 0;

        /// <summary>
        /// The take of an in-house or async-lock library lock: a non-void method of a type outside <c>System</c>
        /// whose name holds Lock, Mutex or Semaphore, named like a take (<c>AsyncLock.LockAsync</c>).
        /// </summary>
        public static bool IsLibraryLock(IMethodSymbol method)
        {
            var owner = method.ContainingType;
            if (method.ReturnsVoid || owner == null || !IsLibraryLockName(method.Name))
            {
                return false;
            }

            var ns = owner.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            var lockType = owner.Name.IndexOf("Lock", StringComparison.Ordinal) >= 0 || owner.Name.IndexOf("Mutex", StringComparison.Ordinal) >= 0
                           || owner.Name.IndexOf("Semaphore", StringComparison.Ordinal) >= 0;
            return lockType && ns != "System" && !ns.StartsWith("System.", StringComparison.Ordinal);
        }

        /// <summary>A library take named for readers shares the lock with other readers.</summary>
        public static LockMode LibraryLockMode(IMethodSymbol method)
        {
            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            return name.StartsWith("Upgradeable", StringComparison.Ordinal) ? LockMode.Upgradeable
                : name.StartsWith("Read", StringComparison.Ordinal) ? LockMode.Read
                : LockMode.Exclusive;
        }

        /// <summary><c>Dispose()</c>: what ends a lock object's life, not a use of it.</summary>
        public static bool IsDisposal(IMethodSymbol method) => method.Name == "Dispose" && method.Parameters.IsEmpty;

        /// <summary><c>a.CompareTo(b)</c>, <c>Comparer.Compare(a, b)</c>, <c>string.CompareOrdinal(a, b)</c>: how code orders two locks by key.</summary>
        public static bool IsOrderingComparison(IMethodSymbol method) => method.Name == "CompareTo" || method.Name == "Compare" || method.Name == "CompareOrdinal";

        public static bool EndsExclusiveSection(string methodName) => Array.IndexOf(ExclusiveReleaseNames, methodName) >= 0;

        /// <summary><c>Wait</c> / <c>WaitAsync</c> on a semaphore.</summary>
        public static bool IsSemaphoreWait(string methodName) => methodName == "Wait" || methodName == "WaitAsync";

        public static bool IsSemaphoreRelease(string methodName) => methodName == "Release";
    }
}
