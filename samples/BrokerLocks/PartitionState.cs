using System.Threading;

namespace BrokerLocks
{
    /// <summary>
    /// A partition's offsets, lock-free: the next offset advances on produce; the high watermark, what consumers
    /// may read, advances only when the data is replicated (the case study's watermark bug returned the former).
    /// </summary>
    public sealed class PartitionState
    {
        private long _nextOffset;
        private long _highWatermark;

        public long Advance() => Interlocked.Increment(ref _nextOffset) - 1;

        public void MarkReplicated(long offset)
        {
            var seen = Interlocked.Read(ref _highWatermark);
            while (offset + 1 > seen)
            {
                var previous = Interlocked.CompareExchange(ref _highWatermark, offset + 1, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }

        public long HighWatermark => Interlocked.Read(ref _highWatermark);
    }
}
