using System;
using System.Threading;
using System.Threading.Tasks;

namespace BrokerLocks
{
    /// <summary>
    /// Accepts produce requests on the leader. Its only lock guards the time of the last flush, taken alone and
    /// for two statements (the audit's last_flush: a single acquisition).
    /// </summary>
    public sealed class ProduceHandler
    {
        private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(5);

        private readonly object _lastFlushLock = new object();
        private readonly RaftCluster _raft;
        private readonly GroupCommit _groupCommit;
        private readonly PartitionState _partition;
        private DateTime _lastFlush = DateTime.MinValue;

        public ProduceHandler(RaftCluster raft, GroupCommit groupCommit, PartitionState partition)
        {
            _raft = raft;
            _groupCommit = groupCommit;
            _partition = partition;
        }

        public async Task<long> ProduceAsync(long nodeId, byte[] record, CancellationToken cancellationToken)
        {
            if (_raft.CachedLeaderId != nodeId)
            {
                throw new InvalidOperationException("not the leader");
            }

            await _groupCommit.AppendAsync(record, cancellationToken);
            var offset = _partition.Advance();

            bool due;
            lock (_lastFlushLock)
            {
                due = DateTime.UtcNow - _lastFlush >= FlushInterval;
                if (due)
                {
                    _lastFlush = DateTime.UtcNow;
                }
            }

            if (due)
            {
                await _groupCommit.FlushAsync(cancellationToken);
                _partition.MarkReplicated(offset);
            }

            return offset;
        }
    }
}
