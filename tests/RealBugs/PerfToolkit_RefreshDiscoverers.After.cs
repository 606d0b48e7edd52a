// microsoft/microsoft-performance-toolkit-sdk, src/PluginsSystem/.../Discovery/PluginsDiscoveryOrchestrator.cs, fixed in
// 5e1a666 (#316): the whole body after the wait is one try whose finally always releases.
#nullable enable
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.PerfToolkit_RefreshDiscoverers.After;

public sealed class PluginSource
{
}

public interface IPluginDiscoverer
{
}

public interface IDiscovererFactory
{
    Task<IEnumerable<IPluginDiscoverer>> CreateDiscoverers(PluginSource source, CancellationToken cancellationToken);
}

public sealed class PluginsDiscoveryOrchestrator
{
    private readonly ConcurrentDictionary<PluginSource, List<IPluginDiscoverer>> sourceToDiscoverers = new();
    private readonly List<PluginSource> pluginSources = new();
    private readonly IDiscovererFactory factory;
    private bool requiresDiscoverersRefresh = true;
    private readonly SemaphoreSlim semaphore = new SemaphoreSlim(1, 1);

    public PluginsDiscoveryOrchestrator(IDiscovererFactory factory) => this.factory = factory;

    public async Task<int> CountDiscoverersAsync(PluginSource source, CancellationToken cancellationToken)
    {
        await RefreshDiscoverersIfNeededAsync(cancellationToken);
        return this.sourceToDiscoverers.TryGetValue(source, out var discoverers) ? discoverers.Count : 0;
    }

    private void OnResourcesOrPluginSourcesChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        this.semaphore.Wait();
        this.requiresDiscoverersRefresh = true;
        this.semaphore.Release();
    }

    private async Task RefreshDiscoverersAsync(CancellationToken cancellationToken)
    {
        this.sourceToDiscoverers.Clear();
        foreach (PluginSource source in this.pluginSources)
        {
            IEnumerable<IPluginDiscoverer> discoverers = await this.factory.CreateDiscoverers(source, cancellationToken);
            this.sourceToDiscoverers.TryAdd(source, discoverers.ToList());
        }
    }

    private async Task RefreshDiscoverersIfNeededAsync(CancellationToken cancellationToken)
    {
            await this.semaphore.WaitAsync(cancellationToken);
            try
            {
                if (!this.requiresDiscoverersRefresh)
                {
                    return;
                }

                await RefreshDiscoverersAsync(cancellationToken);
                this.requiresDiscoverersRefresh = false;
            }
            finally
            {
                this.semaphore.Release();
            }
    }
}
