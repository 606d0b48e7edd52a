using System;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HeldOut.Shipping;

public sealed record Shipment(Guid Id, string OrderId, int Parcels);

public interface IShipmentRepository
{
    Task<int> ParcelsLeftAsync(string orderId);
    Task SetParcelsLeftAsync(string orderId, int parcels);
}

/// <summary>Endpoint handlers as a minimal API registers them: lambdas in one method.</summary>
public sealed class ShipmentEndpoints
{
    private readonly NpgsqlDataSource _db;
    private readonly ILogger _log;
    private readonly ReaderWriterLockSlim _routesLock = new();
    private readonly object _statsSync = new();
    private readonly System.Collections.Generic.Dictionary<string, DateTime> _routes = new();
    private readonly System.Collections.Generic.Dictionary<string, int> _perCarrier = new();

    public ShipmentEndpoints(NpgsqlDataSource db, ILogger log)
    {
        _db = db;
        _log = log;
    }

    public void Map(Action<string, Func<string, int, Task>> post)
    {
        // Serializable: the read and the write are one unit.
        post("/ship", async (orderId, parcels) =>
        {
            await using var conn = await _db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.Serializable);
            var left = await conn.ExecuteScalarAsync<int>("SELECT parcels_left FROM orders WHERE id = @orderId", new { orderId }, tx);
            await conn.ExecuteAsync("UPDATE orders SET parcels_left = @rest WHERE id = @orderId", new { rest = left - parcels, orderId }, tx);
            await tx.CommitAsync();
        });

        // The sibling endpoint has no transaction of its own.
        post("/return", async (orderId, parcels) =>
        {
            await using var conn = await _db.OpenConnectionAsync();
            var left = await conn.ExecuteScalarAsync<int>("SELECT parcels_left FROM orders WHERE id = @orderId", new { orderId });
            await conn.ExecuteAsync("UPDATE orders SET parcels_left = @rest WHERE id = @orderId", new { rest = left + parcels, orderId }); // expect: RACE004
        });

        post("/label", async (orderId, parcels) =>
        {
            await using var conn = await _db.OpenConnectionAsync();
            var labels = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels WHERE order_id = @orderId", new { orderId });
            switch (labels)
            {
                case 0:
                    await conn.ExecuteAsync("INSERT INTO labels(order_id, parcels) VALUES (@orderId, @parcels)", new { orderId, parcels }); // expect: RACE005
                    break;
                default:
                    _log.LogInformation("label exists for {Order}", orderId);
                    break;
            }
        });
    }

    public async Task<bool> TrackAsync(Shipment shipment)
    {
        await using var conn = await _db.OpenConnectionAsync();
        var known = await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tracking WHERE shipment_id = @Id)", shipment);
        if (known)
        {
            return false;
        }

        await conn.ExecuteAsync("INSERT INTO tracking(shipment_id) VALUES (@Id) ON CONFLICT DO NOTHING", shipment);
        return true;
    }

    // A route added twice throws, and the write lock is never exited.
    public void AddRoute(string route)
    {
        _routesLock.EnterWriteLock();
        _routes.Add(route, DateTime.UtcNow);
        _log.LogInformation("added {Route}", route);
        _routesLock.ExitWriteLock(); // expect: RACE002
    }

    public void AddRouteSafely(string route)
    {
        _routesLock.EnterWriteLock();
        try
        {
            _routes.Add(route, DateTime.UtcNow);
        }
        finally
        {
            _routesLock.ExitWriteLock();
        }
    }

    public void CountShipped(string carrier)
    {
        Monitor.Enter(_statsSync);
        _perCarrier[carrier]++;
        Monitor.Exit(_statsSync); // expect: RACE002
    }

    public void CountShippedSafely(string carrier)
    {
        lock (_statsSync)
        {
            _perCarrier[carrier] = _perCarrier.TryGetValue(carrier, out var count) ? count + 1 : 1;
        }
    }
}

/// <summary>The read-modify-write hidden behind a repository whose implementation is here.</summary>
public sealed class ShipmentRepository : IShipmentRepository
{
    private readonly NpgsqlDataSource _db;

    public ShipmentRepository(NpgsqlDataSource db) => _db = db;

    public async Task<int> ParcelsLeftAsync(string orderId)
    {
        await using var conn = await _db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT parcels_left FROM orders WHERE id = @orderId", new { orderId });
    }

    public async Task SetParcelsLeftAsync(string orderId, int parcels)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE orders SET parcels_left = @parcels WHERE id = @orderId", new { parcels, orderId });
    }
}
