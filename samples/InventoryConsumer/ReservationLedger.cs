using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace InventoryConsumer
{
    /// <summary>
    /// The in-memory form of the inventory race: reservations counted per SKU in a ConcurrentDictionary that
    /// every partition's handler updates, and a per-SKU lock handed out from a cache.
    /// </summary>
    public sealed class ReservationLedger
    {
        private readonly ConcurrentDictionary<string, int> _reserved = new ConcurrentDictionary<string, int>();
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new ConcurrentDictionary<string, SemaphoreSlim>();

        public void Reserve(string sku, int quantity)
        {
            _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity; // RACE009: two handlers read 10, one increment is lost
        }

        public SemaphoreSlim LockFor(string sku)
        {
            if (!_locks.TryGetValue(sku, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                _locks.TryAdd(sku, gate); // RACE009: two callers can each get their own lock
            }

            return gate;
        }

        /// <summary>The atomic form: no warning.</summary>
        public void Release(string sku, int quantity) => _reserved.AddOrUpdate(sku, 0, (_, current) => current - quantity);
    }
}
