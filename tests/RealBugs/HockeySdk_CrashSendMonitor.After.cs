// bitstadium/HockeySDK-Windows, Src/Kit.Core45/HockeyClient.cs, fixed in 3521e50 (#123): the SDK's AsyncLock is used in
// every build and the Monitor branch is gone.
#nullable disable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.NetworkInformation;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.HockeySdk_CrashSendMonitor.After;

public interface ILog
{
    void Info(string format, params object[] args);
}

public interface ICrashData
{
    Task SendDataAsync();
}

public interface IHockeyPlatformHelper
{
    Task<Stream> GetStreamAsync(string fileName, string folderName);

    Task<bool> DeleteFileAsync(string fileName, string folderName);

    Task<IEnumerable<string>> GetFileNamesAsync(string folderName, string fileNamePattern);
}

public sealed class WebTransferException : Exception
{
    public WebTransferException(string message) : base(message)
    {
    }
}

internal static class SDKConstants
{
    public const string CrashDirectoryName = "HockeyCrashes";
    public const string CrashFilePrefix = "crashinfo_";
}

// The SDK's own async lock, in own words: a SemaphoreSlim(1, 1) handed out as a releaser.
public sealed class AsyncLock
{
    private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);

    public async Task<IDisposable> LockAsync()
    {
        await _semaphore.WaitAsync().ConfigureAwait(false);
        return new Releaser(_semaphore);
    }

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _semaphore;

        public Releaser(SemaphoreSlim semaphore) => _semaphore = semaphore;

        public void Dispose() => _semaphore.Release();
    }
}

public abstract class HockeyClient
{
    private ILog logger;

    protected HockeyClient(ILog log) => logger = log;

    public IHockeyPlatformHelper PlatformHelper { get; set; }

    public abstract ICrashData Deserialize(Stream inputStream);

    public async Task<IEnumerable<string>> GetCrashFileNamesAsync()
    {
        return await this.PlatformHelper.GetFileNamesAsync(SDKConstants.CrashDirectoryName, SDKConstants.CrashFilePrefix + "*.log");
    }

    public abstract void HandleInternalUnhandledException(Exception unhandledException);

    private readonly AsyncLock _asyncLock = new AsyncLock();

    /// <summary>
    /// Send crash-logs from storage and deletes the if they could be sent
    /// </summary>
    /// <returns>true if at least one Crashlog was transmitted to the server</returns>
    public async Task<bool> SendCrashesAndDeleteAfterwardsAsync()
    {
        bool atLeatOneCrashSent = false;
        using (await _asyncLock.LockAsync())
        {
            logger.Info("Start send crashes to platform.");
            if (NetworkInterface.GetIsNetworkAvailable())
            {
                foreach (string filename in await this.GetCrashFileNamesAsync())
                {
                    logger.Info("Crashfile found: {0}", filename);
                    Exception error = null;
                    try //don't stop if one file fails
                    {
                        using (var stream = await this.PlatformHelper.GetStreamAsync(filename, SDKConstants.CrashDirectoryName))
                        {
                            ICrashData cd = this.Deserialize(stream);
                            await cd.SendDataAsync();
                        }

                        atLeatOneCrashSent = true;
                    }
                    catch (Exception ex)
                    {
                        HandleInternalUnhandledException(ex);
                        error = ex;
                    }
                    if (error != null && error is WebTransferException)
                    {
                        //will retry on next start
                    }
                    else
                    {
                        //either no error or the file seems corrupt => try to delete it
                        try
                        {
                            await this.PlatformHelper.DeleteFileAsync(filename, SDKConstants.CrashDirectoryName);
                        }
                        catch (Exception ex)
                        {
                            HandleInternalUnhandledException(ex);
                        }
                    }
                }
            }
        }
        return atLeatOneCrashSent;
    }
}
