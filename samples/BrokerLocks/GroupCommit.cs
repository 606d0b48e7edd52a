using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BrokerLocks
{
    /// <summary>
    /// Batches appends into one write-ahead-log flush (the audit's pending queue). The queue's lock is awaited, not
    /// blocked on, so appenders wait for a flush instead of stalling threads (the audit's backpressure fix).
    /// </summary>
    public sealed class GroupCommit
    {
        private readonly SemaphoreSlim _pending = new SemaphoreSlim(1, 1);
        private readonly List<byte[]> _queue = new List<byte[]>();
        private readonly Stream _log;
        private ICommitObserver? _observer;
        private long _flushedOffset;

        public GroupCommit(Stream log) => _log = log;

        /// <summary>Raised after each flush with the durable offset.</summary>
        public event Action<long>? Flushed;

        public void Observe(ICommitObserver observer) => _observer = observer;

        public async Task AppendAsync(byte[] payload, CancellationToken cancellationToken)
        {
            await _pending.WaitAsync(cancellationToken);
            try
            {
                _queue.Add(payload);
            }
            finally
            {
                _pending.Release();
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await _pending.WaitAsync(cancellationToken);
            try
            {
                foreach (var payload in _queue)
                {
                    await _log.WriteAsync(payload, cancellationToken);
                }

                await _log.FlushAsync(cancellationToken);
                _flushedOffset += _queue.Count;
                _queue.Clear();
                _observer?.OnCommitted(_flushedOffset); // RACE011: _pending → _raftNode here, _raftNode → _pending in RaftCluster.ApplyAsync
                Flushed?.Invoke(_flushedOffset);
            }
            finally
            {
                _pending.Release();
            }
        }
    }
}
