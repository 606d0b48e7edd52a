// jellyfin/jellyfin, Emby.Server.Implementations/Session/SessionManager.cs, before 97f9d0c (#14131): GetSessionInfo
// looks the session up and, on a miss, creates one (raising SessionStarted) and stores it with the indexer; two
// requests of one device both miss, both sessions start, and the second overwrites the first.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace RealBugs.Jellyfin_GetSessionInfo.Before;

public sealed class User
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
}

public sealed class SessionInfo : IAsyncDisposable
{
    public string Id { get; set; } = "";
    public string? Client { get; set; }
    public string? DeviceId { get; set; }
    public string? DeviceName { get; set; }
    public string? ApplicationVersion { get; set; }
    public string? RemoteEndPoint { get; set; }
    public Guid UserId { get; set; }
    public string? UserName { get; set; }
    public bool HasCustomDeviceName { get; set; }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SessionStartedEventArgs : EventArgs
{
    public SessionStartedEventArgs(SessionInfo session) => Session = session;

    public SessionInfo Session { get; }
}

public sealed class SessionManager
{
    private readonly ConcurrentDictionary<string, SessionInfo> _activeConnections = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    public event EventHandler<SessionStartedEventArgs>? SessionStarted;

    public SessionInfo GetSessionInfo(string appName, string appVersion, string deviceId, string deviceName, string remoteEndPoint, User? user)
    {
        CheckDisposed();
        ArgumentException.ThrowIfNullOrEmpty(deviceId);

        var key = appName + deviceId;

            if (!_activeConnections.TryGetValue(key, out var sessionInfo))
            {
                sessionInfo = CreateSession(key, appName, appVersion, deviceId, deviceName, remoteEndPoint, user);
                _activeConnections[key] = sessionInfo; // expect: RACE009
            }

        sessionInfo.UserId = user?.Id ?? Guid.Empty;
        sessionInfo.UserName = user?.Username;
        sessionInfo.RemoteEndPoint = remoteEndPoint;
        sessionInfo.Client = appName;
        if (!sessionInfo.HasCustomDeviceName || string.IsNullOrEmpty(sessionInfo.DeviceName))
        {
            sessionInfo.DeviceName = deviceName;
        }

        sessionInfo.ApplicationVersion = appVersion;
        return sessionInfo;
    }

    private SessionInfo CreateSession(string key, string appName, string appVersion, string deviceId, string deviceName, string remoteEndPoint, User? user)
    {
        var sessionInfo = new SessionInfo
        {
            Client = appName,
            DeviceId = deviceId,
            ApplicationVersion = appVersion,
            Id = key,
            UserId = user?.Id ?? Guid.Empty,
            UserName = user?.Username,
            RemoteEndPoint = remoteEndPoint,
            DeviceName = string.IsNullOrEmpty(deviceName) ? "Network Device" : deviceName,
        };

            OnSessionStarted(sessionInfo);
        return sessionInfo;
    }

    private void OnSessionStarted(SessionInfo info) => SessionStarted?.Invoke(this, new SessionStartedEventArgs(info));

    private void CheckDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
