// bitstadium/HockeySDK-Windows, Src/Kit.Core45/HockeyClient.cs, before 3521e50 (#123, "Fix SynchronizationLockException"):
// the build defined NET45, not NET_4_5, so SendCrashesAndDeleteAfterwardsAsync compiled the Monitor.TryEnter(this)
// branch: the crash upload awaits while the monitor is held, and Monitor.Exit in the finally runs on another thread and
// throws SynchronizationLockException (the monitor stays taken). The #if directives are kept as in the file; the test
// compilation defines neither symbol, like the shipped build.
#nullable disable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.NetworkInformation;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.HockeySdk_CrashSendMonitor.Before;

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

#if NET_4_5
    private readonly AsyncLock lck = new AsyncLock();
#endif
    /// <summary>
    /// Send crash-logs from storage and deletes the if they could be sent
    /// </summary>
    /// <returns>true if at least one Crashlog was transmitted to the server</returns>
    public async Task<bool> SendCrashesAndDeleteAfterwardsAsync()
    {
        bool atLeatOneCrashSent = false;
#if NET_4_5
        using(var releaser = await lck.LockAsync()) { 
#else
        if (Monitor.TryEnter(this))
        {
            try
            {
#endif
                logger.Info("Start send crashes to platform.");
                if (NetworkInterface.GetIsNetworkAvailable())
                {
                    foreach (string filename in await this.GetCrashFileNamesAsync()) // expect: RACE012
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
                            catch (Exception ex) {
                                HandleInternalUnhandledException(ex);
                            }
                        }
                    }
                }
            }
#if !NET_4_5
            finally
            {
                try
                {
                    Monitor.Exit(this);
                }
                catch (Exception ex)
                { //ignore. on next start it will try again.
                    HandleInternalUnhandledException(ex);
                }
            }
        }
#endif
        return atLeatOneCrashSent;
    }
}
