using System;
using System.Threading;
using System.Threading.Tasks;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// Holds every arriving handler until all have arrived (or the test releases it), bounded in time: the race
    /// window made deterministic from outside the code under test, through a dependency it calls.
    /// </summary>
    internal sealed class Gate
    {
        private readonly TaskCompletionSource _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public Gate(int count) => _waiting = count;

        public Task ArriveAndWaitAsync()
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
            {
                _open.TrySetResult();
            }

            return _open.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        public void Release() => _open.TrySetResult();
    }
}
