using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Markets;

public sealed record Quote(string Symbol, decimal Bid, decimal Ask);

public interface IRiskLimits
{
    bool Allows(string symbol, decimal notional);
}

/// <summary>Quotes per symbol, read often, replaced by the feed.</summary>
public sealed class QuoteCache
{
    private readonly ReaderWriterLockSlim _quotes = new ReaderWriterLockSlim();
    private readonly Dictionary<string, Quote> _bySymbol = new Dictionary<string, Quote>();

    public Quote? Get(string symbol)
    {
        _quotes.EnterReadLock();
        try
        {
            return _bySymbol.TryGetValue(symbol, out var quote) ? quote : null;
        }
        finally
        {
            _quotes.ExitReadLock();
        }
    }

    public void Put(Quote quote)
    {
        _quotes.EnterUpgradeableReadLock();
        try
        {
            if (_bySymbol.TryGetValue(quote.Symbol, out var current) && current == quote)
            {
                return;
            }

            _quotes.EnterWriteLock();
            try
            {
                _bySymbol[quote.Symbol] = quote;
            }
            finally
            {
                _quotes.ExitWriteLock();
            }
        }
        finally
        {
            _quotes.ExitUpgradeableReadLock();
        }
    }

    public void Reprice(string symbol, decimal spread)
    {
        _quotes.EnterReadLock();
        try
        {
            if (!_bySymbol.TryGetValue(symbol, out var quote))
            {
                return;
            }

            _quotes.EnterWriteLock(); // expect: RACE013
            try
            {
                _bySymbol[symbol] = quote with { Ask = quote.Bid + spread };
            }
            finally
            {
                _quotes.ExitWriteLock();
            }
        }
        finally
        {
            _quotes.ExitReadLock();
        }
    }
}

/// <summary>Two sides of a book, each with its own lock.</summary>
public sealed class OrderBook
{
    private readonly object _bids = new object();
    private readonly object _asks = new object();
    private readonly SortedDictionary<decimal, int> _bidLevels = new SortedDictionary<decimal, int>();
    private readonly SortedDictionary<decimal, int> _askLevels = new SortedDictionary<decimal, int>();

    public void AddBid(decimal price, int size)
    {
        lock (_bids)
        {
            _bidLevels[price] = _bidLevels.GetValueOrDefault(price) + size;
            if (Crosses(price)) // a second path of the _bids → _asks step: an additional location of line 125's RACE011
            {
                Trim(price);
            }
        }
    }

    public void AddAsk(decimal price, int size)
    {
        lock (_asks)
        {
            _askLevels[price] = _askLevels.GetValueOrDefault(price) + size;
            lock (_bids) // expect: RACE011
            {
                _bidLevels.Remove(price);
            }
        }
    }

    public (decimal Bid, decimal Ask) Top()
    {
        lock (_bids)
        {
            lock (_asks) // expect: RACE011
            {
                return (_bidLevels.Count > 0 ? _bidLevels.Keys.Max() : 0m, _askLevels.Count > 0 ? _askLevels.Keys.Min() : 0m);
            }
        }
    }

    private bool Crosses(decimal price)
    {
        lock (_asks)
        {
            return _askLevels.Count > 0 && _askLevels.Keys.Min() <= price;
        }
    }

    private void Trim(decimal price) => _bidLevels.Remove(price);
}

/// <summary>Positions moved between two books; instances are locked in id order.</summary>
public sealed class PositionBook
{
    public int Id { get; init; }
    public readonly object Sync = new object();
    public decimal Net { get; set; }

    public static void Move(PositionBook from, PositionBook to, decimal quantity)
    {
        var first = from.Id < to.Id ? from : to;
        var second = ReferenceEquals(first, from) ? to : from;
        lock (first.Sync)
        {
            lock (second.Sync)
            {
                from.Net -= quantity;
                to.Net += quantity;
            }
        }
    }

    public static void Settle(PositionBook a, PositionBook b)
    {
        lock (a.Sync)
        {
            lock (b.Sync) // expect: RACE011
            {
                var total = a.Net + b.Net;
                a.Net = total;
                b.Net = 0;
            }
        }
    }
}

/// <summary>Calls out to the venue, at most four at a time.</summary>
public sealed class VenueClient
{
    private readonly SemaphoreSlim _inFlight = new SemaphoreSlim(4, 4);
    private readonly SemaphoreSlim _session = new SemaphoreSlim(1, 1);
    private readonly HttpClient _http;
    private readonly object _tokenGate = new object();
    private string? _token;
    private DateTime _expires;

    public VenueClient(HttpClient http) => _http = http;

    public async Task<string> SendAsync(string order, CancellationToken ct)
    {
        await _inFlight.WaitAsync(ct);
        try
        {
            var token = await TokenAsync(ct);
            using var response = await _http.PostAsync("/orders?token=" + token, new StringContent(order), ct);
            return await response.Content.ReadAsStringAsync(ct);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public async Task<string> TokenAsync(CancellationToken ct)
    {
        Monitor.Enter(_tokenGate);
        try
        {
            if (_token == null || DateTime.UtcNow >= _expires)
            {
                _token = await _http.GetStringAsync("/token", ct); // expect: RACE012
                _expires = DateTime.UtcNow.AddMinutes(5);
            }

            return _token;
        }
        finally
        {
            Monitor.Exit(_tokenGate);
        }
    }

    public async Task ReconnectAsync(CancellationToken ct)
    {
        await _session.WaitAsync(ct);
        try
        {
            await LogonAsync(ct); // expect: RACE013
        }
        finally
        {
            _session.Release();
        }
    }

    public async Task LogonAsync(CancellationToken ct)
    {
        await _session.WaitAsync(ct);
        try
        {
            await _http.PostAsync("/logon", new StringContent(string.Empty), ct);
        }
        finally
        {
            _session.Release();
        }
    }
}

/// <summary>Risk checks under one lock; the limits come from outside.</summary>
public sealed class RiskGate
{
    private readonly Lock _exposure = new Lock();
    private readonly IRiskLimits _limits;
    private decimal _open;

    public RiskGate(IRiskLimits limits) => _limits = limits;

    public bool TryOpen(string symbol, decimal notional)
    {
        using (_exposure.EnterScope())
        {
            if (!_limits.Allows(symbol, _open + notional))
            {
                return false;
            }

            _open += notional;
            return true;
        }
    }

    public void Close(decimal notional)
    {
        lock (_exposure)
        {
            _open -= notional;
        }
    }
}
