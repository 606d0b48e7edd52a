using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Sessions;

public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sessionLocks = new();
    private readonly ConcurrentDictionary<string, int> _requestCounts = new();
    private readonly ConcurrentDictionary<string, long> _bytesByTenant = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pendingReplies = new();
    private readonly ConcurrentDictionary<string, string> _displayNames = new();
    private readonly ConcurrentDictionary<string, int> _quota = new();
    private readonly object _quotaSync = new();

    // Two callers can both see no lock and each create one: the session is then guarded by two locks.
    public SemaphoreSlim LockFor(string sessionId)
    {
        if (!_sessionLocks.TryGetValue(sessionId, out var gate))
        {
            gate = new SemaphoreSlim(1, 1);
            _sessionLocks[sessionId] = gate; // expect: RACE009
        }

        return gate;
    }

    public SemaphoreSlim SharedLockFor(string sessionId) => _sessionLocks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));

    public void CountRequest(string tenant)
    {
        _requestCounts[tenant] = _requestCounts.GetValueOrDefault(tenant) + 1; // expect: RACE009
    }

    public void CountRequestAtomically(string tenant) => _requestCounts.AddOrUpdate(tenant, 1, (_, count) => count + 1);

    public void AddBytes(string tenant, long bytes)
    {
        if (_bytesByTenant.TryGetValue(tenant, out var total))
        {
            _bytesByTenant[tenant] = total + bytes; // expect: RACE009
        }
        else
        {
            _bytesByTenant[tenant] = bytes; // expect: RACE009
        }
    }

    public void AddBytesWithRetry(string tenant, long bytes)
    {
        while (true)
        {
            if (_bytesByTenant.TryGetValue(tenant, out var total))
            {
                if (_bytesByTenant.TryUpdate(tenant, total + bytes, total))
                {
                    return;
                }
            }
            else if (_bytesByTenant.TryAdd(tenant, bytes))
            {
                return;
            }
        }
    }

    public Task<string> AwaitReply(string correlationId)
    {
        if (_pendingReplies.ContainsKey(correlationId))
        {
            return _pendingReplies[correlationId].Task;
        }

        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingReplies[correlationId] = pending; // expect: RACE009
        return pending.Task;
    }

    // A cache of an idempotent value: computing it twice gives the same string.
    public string DisplayName(string userId)
    {
        if (!_displayNames.TryGetValue(userId, out var name))
        {
            name = userId.ToUpperInvariant();
            _displayNames[userId] = name;
        }

        return name;
    }

    public bool TakeQuota(string tenant)
    {
        lock (_quotaSync)
        {
            var left = _quota.TryGetValue(tenant, out var value) ? value : 10;
            if (left == 0)
            {
                return false;
            }

            _quota[tenant] = left - 1;
            return true;
        }
    }
}
