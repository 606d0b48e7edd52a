using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace BrokerLocks
{
    /// <summary>
    /// Follower heartbeats in a concurrent map (the audit's sharded last_heartbeat). Expiry collects the stale
    /// entries first and removes each only if it is still the value seen (the audit's collect-then-remove fix), so
    /// no iteration holds a shard while removing and a fresh heartbeat is never dropped.
    /// </summary>
    public sealed class WalReplication
    {
        private readonly ConcurrentDictionary<long, DateTime> _lastHeartbeat = new ConcurrentDictionary<long, DateTime>();

        public void RecordHeartbeat(long follower) => _lastHeartbeat[follower] = DateTime.UtcNow;

        public IReadOnlyList<long> ExpireStale(TimeSpan timeout)
        {
            var now = DateTime.UtcNow;
            var stale = _lastHeartbeat.Where(entry => now - entry.Value > timeout).ToList();
            var expired = new List<long>();
            foreach (var entry in stale)
            {
                if (_lastHeartbeat.TryRemove(entry))
                {
                    expired.Add(entry.Key);
                }
            }

            return expired;
        }
    }
}
