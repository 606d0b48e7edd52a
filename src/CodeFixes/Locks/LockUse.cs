using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.CodeFixes.Locks
{
    /// <summary>What a use of the converted lock field is, and so what it becomes.</summary>
    internal enum LockUseKind
    {
        /// <summary><c>lock (f) body</c>: the wait, then <c>try { body } finally { f.Release(); }</c>.</summary>
        LockStatement,

        /// <summary><c>Monitor.Enter(f);</c>, <c>f.EnterWriteLock();</c>: the wait.</summary>
        Take,

        /// <summary><c>Monitor.Exit(f);</c>, <c>f.ExitWriteLock();</c>: <c>f.Release();</c>.</summary>
        GiveBack,
    }

    /// <summary>One statement that takes or gives back the lock RACE012's fix turns into a semaphore.</summary>
    internal sealed class LockUse
    {
        public LockUse(SyntaxNode statement, LockUseKind kind, string? cancellationToken)
        {
            Statement = statement;
            Kind = kind;
            CancellationToken = cancellationToken;
        }

        /// <summary>The lock statement, or the expression statement of the call.</summary>
        public SyntaxNode Statement { get; }

        public LockUseKind Kind { get; }

        /// <summary>The <c>CancellationToken</c> parameter of the function the take is in, for <c>WaitAsync</c>; null when it has none.</summary>
        public string? CancellationToken { get; }

        public LockUse At(SyntaxNode statement) => new LockUse(statement, Kind, CancellationToken);
    }
}
