// doghappy/socket.io-client-csharp, src/SocketIOClient/SocketIO.cs, before fe71ee8 (issue #84):
// EmitAsync holds a Monitor across the awaited send; the send resumes on another thread, whose Monitor.Exit
// throws SynchronizationLockException and leaves the lock owned by the first thread.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.SocketIoClient_EmitMonitor.Before;

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
    private static readonly object _lock = new object();

    public SocketIO(IClientSocket socket) => Socket = socket;

    public IClientSocket Socket { get; }

    public string Namespace { get; set; } = "";

    public int PacketId { get; private set; }

    internal Dictionary<int, Action<SocketIOResponse>> Acks { get; } = new();

    internal List<byte[]> OutGoingBytes { get; } = new();

    public async Task EmitAsync(string eventName, params object[] data)
    {
        Monitor.Enter(_lock);
        try
        {
            string dataString = GetDataString(data);
            await EmityCoreAsync(eventName, -1, dataString); // expect: RACE012
        }
        finally
        {
            Monitor.Exit(_lock);
        }
    }

    public async Task EmitAsync(string eventName, Action<SocketIOResponse> ack, params object[] data)
    {
        Monitor.Enter(_lock);
        try
        {
            Acks.Add(++PacketId, ack);
            string dataString = GetDataString(data);
            await EmityCoreAsync(eventName, PacketId, dataString); // expect: RACE012
        }
        finally
        {
            Monitor.Exit(_lock);
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
