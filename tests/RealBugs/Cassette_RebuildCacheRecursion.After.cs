// andrewdavey/cassette, src/Cassette/BundleCollection.cs, fixed in dc71762 (issue #267): the lock is made with
// LockRecursionPolicy.SupportsRecursion, so the nested write lock taken by the initializer is allowed.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;

namespace RealBugs.Cassette_RebuildCacheRecursion.After;

public sealed class Bundle
{
}

public interface IBundleCollectionInitializer
{
    void Initialize(BundleCollection bundleCollection);
}

internal sealed class DelegatingDisposable : IDisposable
{
    private readonly Action _dispose;

    public DelegatingDisposable(Action dispose) => _dispose = dispose;

    public void Dispose() => _dispose();
}

public sealed class BundleCollection
{
    private readonly List<Bundle> bundles = new List<Bundle>();
    private readonly ReaderWriterLockSlim readerWriterLock = new ReaderWriterLockSlim(LockRecursionPolicy.SupportsRecursion);
    private Exception? initializationException;

    internal Exception? InitializationException
    {
        get
        {
            return initializationException;
        }
        set
        {
            using (GetWriteLock())
            {
                initializationException = value;
            }
        }
    }

    public IDisposable GetReadLock()
    {
        readerWriterLock.EnterReadLock();
        if (InitializationException != null)
        {
            readerWriterLock.ExitReadLock();
            throw new Exception("Bundle collection rebuild failed. See inner exception for details.", InitializationException);
        }

        return new DelegatingDisposable(() => readerWriterLock.ExitReadLock());
    }

    public IDisposable GetWriteLock()
    {
        readerWriterLock.EnterWriteLock();
        return new DelegatingDisposable(() => readerWriterLock.ExitWriteLock());
    }

    public void Add(Bundle bundle) => bundles.Add(bundle);

    public void Clear() => bundles.Clear();
}

internal sealed class BundleCollectionInitializer : IBundleCollectionInitializer
{
    private readonly IEnumerable<Bundle> configured;

    public BundleCollectionInitializer(IEnumerable<Bundle> configured) => this.configured = configured;

    public void Initialize(BundleCollection bundleCollection)
    {
        using (bundleCollection.GetWriteLock())
        {
            bundleCollection.Clear();
            foreach (var bundle in configured)
            {
                bundleCollection.Add(bundle);
            }
        }
    }
}

internal sealed class ExceptionCatchingBundleCollectionInitializer : IBundleCollectionInitializer
{
    private readonly IBundleCollectionInitializer initializerImplementation;

    public ExceptionCatchingBundleCollectionInitializer(IBundleCollectionInitializer initializerImplementation)
        => this.initializerImplementation = initializerImplementation;

    public void Initialize(BundleCollection bundleCollection)
    {
        try
        {
            initializerImplementation.Initialize(bundleCollection);
            bundleCollection.InitializationException = null;
        }
        catch (Exception exception)
        {
            bundleCollection.InitializationException = exception;
        }
    }
}

public sealed class DiagnosticRequestHandler
{
    private readonly BundleCollection bundles;
    private readonly IBundleCollectionInitializer bundleCollectionInitializer;

    public DiagnosticRequestHandler(BundleCollection bundles, IBundleCollectionInitializer bundleCollectionInitializer)
    {
        this.bundles = bundles;
        this.bundleCollectionInitializer = bundleCollectionInitializer;
    }

    public void RebuildCache()
    {
        using (bundles.GetWriteLock())
        {
            bundles.Clear();
            bundleCollectionInitializer.Initialize(bundles);
        }
    }
}
