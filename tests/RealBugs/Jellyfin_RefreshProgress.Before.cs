// jellyfin/jellyfin, MediaBrowser.Providers/Manager/ProviderManager.cs, before d1e1aef5f7 and e699e5d405 ("Fix possible race
// condition", Feb 2020): OnRefreshProgress checks ContainsKey and then stores the progress with the indexer; when the
// refresh completes (OnRefreshComplete removes the entry) in between, the indexer adds the entry back and the item is
// reported as refreshing for good.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RealBugs.Jellyfin_RefreshProgress.Before;

public class BaseItem
{
    public Guid Id { get; set; }
}

public sealed class GenericEventArgs<T> : EventArgs
{
    public GenericEventArgs(T argument) => Argument = argument;

    public T Argument { get; }
}

public sealed class ProviderManager
{
    private readonly ILogger<ProviderManager> _logger;

    private ConcurrentDictionary<Guid, double> _activeRefreshes = new ConcurrentDictionary<Guid, double>();

    public ProviderManager(ILogger<ProviderManager> logger) => _logger = logger;

    public event EventHandler<GenericEventArgs<BaseItem>>? RefreshStarted;

    public event EventHandler<GenericEventArgs<BaseItem>>? RefreshCompleted;

    public event EventHandler<GenericEventArgs<Tuple<BaseItem, double>>>? RefreshProgress;

    public void OnRefreshStart(BaseItem item)
    {
        _logger.LogInformation("OnRefreshStart {0}", item.Id.ToString("N", CultureInfo.InvariantCulture));
        _activeRefreshes[item.Id] = 0;
        RefreshStarted?.Invoke(this, new GenericEventArgs<BaseItem>(item));
    }

    public void OnRefreshComplete(BaseItem item)
    {
        _logger.LogInformation("OnRefreshComplete {0}", item.Id.ToString("N", CultureInfo.InvariantCulture));

        _activeRefreshes.Remove(item.Id, out _);

        RefreshCompleted?.Invoke(this, new GenericEventArgs<BaseItem>(item));
    }

    public double? GetRefreshProgress(Guid id)
    {
        if (_activeRefreshes.TryGetValue(id, out double value))
        {
            return value;
        }

        return null;
    }

    public void OnRefreshProgress(BaseItem item, double progress)
    {
        var id = item.Id;
        _logger.LogInformation("OnRefreshProgress {0} {1}", id.ToString("N", CultureInfo.InvariantCulture), progress);

        if (_activeRefreshes.ContainsKey(id))
        {
            _activeRefreshes[id] = progress; // expect: RACE009
            RefreshProgress?.Invoke(this, new GenericEventArgs<Tuple<BaseItem, double>>(new Tuple<BaseItem, double>(item, progress)));
        }
        else
        {
            // TODO: Need to hunt down the conditions for this happening
            throw new Exception(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Refresh for item {0} {1} is not in progress",
                    item.GetType().Name,
                    item.Id.ToString("N", CultureInfo.InvariantCulture)));
        }
    }
}
