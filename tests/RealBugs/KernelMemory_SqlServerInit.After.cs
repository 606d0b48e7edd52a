// microsoft/kernel-memory, extensions/SQLServer/SQLServer/SqlServerMemory.cs, fixed in ad4a996 (#883): the double
// check moves inside the try, so its early return runs the finally that releases.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.KernelMemory_SqlServerInit.After;

public sealed class SqlServerMemory : IDisposable
{
    private readonly SemaphoreSlim _initSemaphore = new(1, 1);
    private bool _isReady = false;

    public async Task<bool> DeleteIndexAsync(string index, CancellationToken cancellationToken = default)
    {
        if (!this._isReady) { await this.InitAsync(cancellationToken).ConfigureAwait(false); }

        return index.Length > 0;
    }

    public void Dispose() => this._initSemaphore.Dispose();

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (this._isReady) { return; }

        await this._initSemaphore.WaitAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            if (this._isReady) { return; }

            await this.CacheSqlServerMajorVersionNumberAsync(cancellationToken).ConfigureAwait(false);
            await this.CreateTablesIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            this._isReady = true;
        }
        finally
        {
            this._initSemaphore.Release();
        }
    }

    private Task CacheSqlServerMajorVersionNumberAsync(CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);

    private Task CreateTablesIfNotExistsAsync(CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
}
