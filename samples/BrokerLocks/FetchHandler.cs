using System;

namespace BrokerLocks
{
    /// <summary>Serves fetches without a lock: it reads the high watermark atomically (the audit's lock-free read path).</summary>
    public sealed class FetchHandler
    {
        private readonly PartitionState _partition;

        public FetchHandler(PartitionState partition) => _partition = partition;

        /// <summary>How many records from <paramref name="offset"/> a consumer may read now.</summary>
        public long Available(long offset) => Math.Max(0, _partition.HighWatermark - offset);
    }
}
