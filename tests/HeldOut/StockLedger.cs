using System;
using System.Data;
using System.Threading.Tasks;
using Dapper;
using Npgsql;

namespace HeldOut.Stock;

public sealed class OutOfStockException : Exception
{
}

public sealed class StockLedger
{
    private readonly NpgsqlDataSource _db;

    public StockLedger(NpgsqlDataSource db) => _db = db;

    public async Task ReserveAsync(string sku, int quantity)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var available = await conn.ExecuteScalarAsync<int>("SELECT available FROM stock WHERE sku = @sku", new { sku });
        if (available < quantity)
        {
            throw new OutOfStockException();
        }

        await conn.ExecuteAsync("UPDATE stock SET available = @left WHERE sku = @sku", new { left = available - quantity, sku }); // expect: RACE004
    }

    public async Task ReserveAtomicallyAsync(string sku, int quantity)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var updated = await conn.ExecuteAsync(
            "UPDATE stock SET available = available - @quantity WHERE sku = @sku AND available >= @quantity",
            new { quantity, sku });
        if (updated == 0)
        {
            throw new OutOfStockException();
        }
    }

    public async Task RestockAsync(string sku, int delivered)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var read = new NpgsqlCommand("SELECT available FROM stock WHERE sku = @sku", conn);
        read.Parameters.AddWithValue("sku", sku);
        var current = (int)(await read.ExecuteScalarAsync())!;
        await using var write = new NpgsqlCommand("UPDATE stock SET available = @total WHERE sku = @sku", conn);
        write.Parameters.AddWithValue("total", current + delivered);
        write.Parameters.AddWithValue("sku", sku);
        await write.ExecuteNonQueryAsync(); // expect: RACE004
    }

    public async Task RestockUnderLockAsync(string sku, int delivered)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var current = await conn.ExecuteScalarAsync<int>("SELECT available FROM stock WHERE sku = @sku FOR UPDATE", new { sku }, tx);
        await conn.ExecuteAsync("UPDATE stock SET available = @total WHERE sku = @sku", new { total = current + delivered, sku }, tx);
        await tx.CommitAsync();
    }

    public async Task RestockSerializableAsync(string sku, int delivered)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.Serializable);
        var current = await conn.ExecuteScalarAsync<int>("SELECT available FROM stock WHERE sku = @sku", new { sku }, tx);
        await conn.ExecuteAsync("UPDATE stock SET available = @total WHERE sku = @sku", new { total = current + delivered, sku }, tx);
        await tx.CommitAsync();
    }

    // Deduplication by looking first: two deliveries of one event both see 0.
    public async Task ApplyOnceAsync(Guid eventId, string sku, int delta)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var seen = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM applied_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await conn.ExecuteAsync("INSERT INTO applied_events(event_id) VALUES (@eventId)", new { eventId }); // expect: RACE005
        await conn.ExecuteAsync("UPDATE stock SET available = available + @delta WHERE sku = @sku", new { delta, sku });
    }

    public async Task ApplyOnceByClaimAsync(Guid eventId, string sku, int delta)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var claimed = await conn.ExecuteAsync("INSERT INTO applied_events(event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING", new { eventId }, tx);
        if (claimed == 0)
        {
            return;
        }

        await conn.ExecuteAsync("UPDATE stock SET available = available + @delta WHERE sku = @sku", new { delta, sku }, tx);
        await tx.CommitAsync();
    }

    public async Task<Guid> RegisterAsync(string email)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var existing = await conn.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM customers WHERE email = @email", new { email });
        if (existing is not null)
        {
            return existing.Value;
        }

        var id = Guid.NewGuid();
        await conn.ExecuteAsync("INSERT INTO customers(id, email) VALUES (@id, @email)", new { id, email }); // expect: RACE005
        return id;
    }

    // The price is data for the new line, not a check that decides whether to insert.
    public async Task AddLineAsync(Guid orderId, string sku, int quantity)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var price = await conn.ExecuteScalarAsync<decimal>("SELECT price FROM catalog WHERE sku = @sku", new { sku });
        await conn.ExecuteAsync(
            "INSERT INTO order_lines(order_id, sku, quantity, price) VALUES (@orderId, @sku, @quantity, @price)",
            new { orderId, sku, quantity, price });
    }

    public async Task RenameAsync(string sku, string name)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var current = await conn.ExecuteScalarAsync<string>("SELECT name FROM catalog WHERE sku = @sku", new { sku });
        if (current == name)
        {
            return;
        }

        await conn.ExecuteAsync("UPDATE catalog SET name = @name WHERE sku = @sku", new { name, sku });
    }
}
