// microsoft/microsoft-performance-toolkit-sdk, src/PluginsSystem/.../Discovery/PluginsDiscoveryOrchestrator.cs, before
// 5e1a666 (#316): the semaphore is released only inside the branch that refreshes; once no refresh is needed the
// method returns holding it, and the next caller deadlocks.
#nullable enable
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.PerfToolkit_RefreshDiscoverers.Before;

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
        await RefereshDiscoverersIfNeededAsync(cancellationToken);
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

    private async Task RefereshDiscoverersIfNeededAsync(CancellationToken cancellationToken)
    {
            await this.semaphore.WaitAsync(cancellationToken); // expect: RACE002
            if (this.requiresDiscoverersRefresh)
            {
                try
                {
                    await RefreshDiscoverersAsync(cancellationToken);
                }
                finally
                {
                    this.requiresDiscoverersRefresh = false;
                    this.semaphore.Release();
                }
            }
    }
}
