// microsoft/kernel-memory, extensions/SQLServer/SQLServer/SqlServerMemory.cs, before ad4a996 (#883): the double
// check `if (_isReady) return;` sits between WaitAsync and the try, so the caller that finds the store ready after
// waiting leaves without releasing; from the third concurrent caller on, initialisation deadlocks.
#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.KernelMemory_SqlServerInit.Before;

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

        await this._initSemaphore.WaitAsync(cancellationToken).ConfigureAwait(false); // expect: RACE002
        if (this._isReady) { return; }

        try
        {
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
