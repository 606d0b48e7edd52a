// jellyfin/jellyfin, MediaBrowser.Providers/Manager/ProviderManager.cs, fixed in e699e5d405 (after d1e1aef5f7's TryAdd,
// which inverted the check): one AddOrUpdate updates an entry that is there and throws, adding nothing, when it is gone.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RealBugs.Jellyfin_RefreshProgress.After;

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

        // TODO: Need to hunt down the conditions for this happening
        _activeRefreshes.AddOrUpdate(
            id,
            (_) => throw new Exception(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Refresh for item {0} {1} is not in progress",
                    item.GetType().Name,
                    item.Id.ToString("N", CultureInfo.InvariantCulture))),
            (_, _) => progress);

        RefreshProgress?.Invoke(this, new GenericEventArgs<Tuple<BaseItem, double>>(new Tuple<BaseItem, double>(item, progress)));
    }
}
