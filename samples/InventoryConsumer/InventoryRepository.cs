using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace InventoryConsumer
{
    /// <summary>Stock changes and the processed-events ledger, in PostgreSQL.</summary>
    public sealed class InventoryRepository
    {
        private readonly NpgsqlDataSource _db;

        public InventoryRepository(NpgsqlDataSource db) => _db = db;

        public async Task ApplyDeltaAsync(string sku, int delta, string eventId)
        {
            await using var connection = await _db.OpenConnectionAsync();
            await connection.ExecuteAsync("UPDATE products SET current_stock = current_stock + @delta WHERE sku = @sku", new { sku, delta });
            await connection.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT DO NOTHING", new { eventId });
        }

        public async Task RecordFailureAsync(string eventId, string error)
        {
            await using var connection = await _db.OpenConnectionAsync();
            await connection.ExecuteAsync("INSERT INTO failed_events (event_id, error) VALUES (@eventId, @error)", new { eventId, error });
        }
    }
}
