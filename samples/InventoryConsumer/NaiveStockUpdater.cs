using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace InventoryConsumer
{
    /// <summary>
    /// The incident's stock update: de-duplication by asking first, and the new stock computed in code. Handlers for
    /// several partitions run this at once: events apply twice, and concurrent deltas overwrite each other.
    /// </summary>
    public sealed class NaiveStockUpdater
    {
        private readonly NpgsqlDataSource _db;

        public NaiveStockUpdater(NpgsqlDataSource db) => _db = db;

        public async Task ApplyAsync(string eventId, string sku, int delta)
        {
            await using var connection = await _db.OpenConnectionAsync();
            var seen = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
            if (seen > 0)
            {
                return;
            }

            var stock = await connection.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
            var updated = stock + delta;
            await connection.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated, sku }); // RACE004: lost update
            await connection.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId }); // RACE005: double apply
        }

        /// <summary>The guarded form: the check reads the same stale value, so concurrent reservations oversell.</summary>
        public async Task<bool> ReserveAsync(string sku, int quantity)
        {
            await using var connection = await _db.OpenConnectionAsync();
            var onHand = await connection.ExecuteScalarAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
            if (onHand < quantity)
            {
                return false;
            }

            var remaining = onHand - quantity;
            await connection.ExecuteAsync("UPDATE products SET current_stock = @remaining WHERE sku = @sku", new { remaining, sku }); // RACE004: oversells
            return true;
        }
    }
}
