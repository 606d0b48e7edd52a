// doghappy/socket.io-client-csharp, src/SocketIOClient/SocketIO.cs, fixed in fe71ee8 (issue #84):
// the Monitor is replaced by a SemaphoreSlim(1, 1) taken with WaitAsync and released in the finally.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.SocketIoClient_EmitMonitor.After;

public interface IClientSocket
{
    Task SendMessageAsync(string message);
    Task SendMessageAsync(byte[] bytes);
}

public sealed class SocketIOResponse
{
}

public sealed class SocketIO
{
    private static readonly SemaphoreSlim _semaphoreSlim = new SemaphoreSlim(1, 1);

    public SocketIO(IClientSocket socket) => Socket = socket;

    public IClientSocket Socket { get; }

    public string Namespace { get; set; } = "";

    public int PacketId { get; private set; }

    internal Dictionary<int, Action<SocketIOResponse>> Acks { get; } = new();

    internal List<byte[]> OutGoingBytes { get; } = new();

    public async Task EmitAsync(string eventName, params object[] data)
    {
        await _semaphoreSlim.WaitAsync();
        try
        {
            string dataString = GetDataString(data);
            await EmityCoreAsync(eventName, -1, dataString);
        }
        finally
        {
            _semaphoreSlim.Release();
        }
    }

    public async Task EmitAsync(string eventName, Action<SocketIOResponse> ack, params object[] data)
    {
        await _semaphoreSlim.WaitAsync();
        try
        {
            Acks.Add(++PacketId, ack);
            string dataString = GetDataString(data);
            await EmityCoreAsync(eventName, PacketId, dataString);
        }
        finally
        {
            _semaphoreSlim.Release();
        }
    }

    private async Task EmityCoreAsync(string eventName, int packetId, string data)
    {
        var builder = new StringBuilder();
        builder.Append(OutGoingBytes.Count > 0 ? "45" + OutGoingBytes.Count + "-" : "42").Append(Namespace);
        if (packetId > -1)
        {
            builder.Append(packetId);
        }

        builder.Append("[\"").Append(eventName).Append('"');
        if (!string.IsNullOrEmpty(data))
        {
            builder.Append(',').Append(data);
        }

        builder.Append(']');
        await Socket.SendMessageAsync(builder.ToString());
        foreach (var item in OutGoingBytes)
        {
            await Socket.SendMessageAsync(item);
        }

        OutGoingBytes.Clear();
    }

    private static string GetDataString(object[] data) => string.Join(",", data);
}
