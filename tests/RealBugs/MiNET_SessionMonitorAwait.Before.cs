// NiclasOlofsson/MiNET, src/MiNET/MiNET/PlayerNetworkSession.cs, before 5425d5e (PR #485): UpdateAsync and SendQueueAsync
// take a Monitor with TryEnter and await sends while holding it; the finally's Monitor.Exit runs on another thread and
// throws SynchronizationLockException, and the owning thread keeps the monitor.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.MiNET_SessionMonitorAwait.Before;

public sealed class Datagram
{
    public Stopwatch Timer { get; } = new Stopwatch();
    public int TransmissionCount { get; set; }
    public bool RetransmitImmediate { get; set; }
}

public class Packet
{
    public bool NoBatch { get; set; }
    public byte[] Encode() => Array.Empty<byte>();
    public void PutPool() { }
}

public interface IServer
{
    int InactivityTimeout { get; }
    Task SendDatagramAsync(PlayerNetworkSession session, Datagram datagram);
    Task SendPacketAsync(PlayerNetworkSession session, Packet packet);
}

public sealed class PlayerNetworkSession
{
    private object _updateSync = new object();
    private object _syncHack = new object();
    private readonly object _queueSync = new object();
    private readonly Queue<Packet> _sendQueueNotConcurrent = new Queue<Packet>();
    private readonly Stopwatch _forceQuitTimer = new Stopwatch();

    public PlayerNetworkSession(IServer server) => Server = server;

    public IServer Server { get; }
    public bool Evicted { get; set; }
    public long Rto { get; set; }
    public int ResendCount { get; set; }
    public DateTime LastUpdatedTime { get; set; }
    public ConcurrentDictionary<int, Datagram> WaitingForAcksQueue { get; } = new();

    private async Task UpdateAsync()
    {
        if (Evicted) return;

        if (!Monitor.TryEnter(_updateSync)) return;

        try
        {
            _forceQuitTimer.Restart();
            if (Evicted) return;

            long now = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
            long lastUpdate = LastUpdatedTime.Ticks / TimeSpan.TicksPerMillisecond;
            if (lastUpdate + Server.InactivityTimeout + 3000 < now)
            {
                Evicted = true;
                return;
            }

            if (WaitingForAcksQueue.Count == 0) return;
            if (Rto == 0) return;

            long rto = Math.Max(100, Rto);
            foreach (KeyValuePair<int, Datagram> datagramPair in WaitingForAcksQueue)
            {
                var datagram = datagramPair.Value;
                long elapsedTime = datagram.Timer.ElapsedMilliseconds;
                long datagramTimeout = Math.Max(Math.Min(rto * (datagram.TransmissionCount + ResendCount + 1), 3000), 100);
                if (datagram.RetransmitImmediate || elapsedTime >= datagramTimeout)
                {
                    if (!Evicted && WaitingForAcksQueue.TryRemove(datagramPair.Key, out var deleted))
                    {
                        ResendCount++;
                        var resendTasks = new List<Task>();
                        resendTasks.Add(Server.SendDatagramAsync(this, deleted));
                        await Task.WhenAll(resendTasks); // expect: RACE012
                    }
                }
            }
        }
        finally
        {
            Monitor.Exit(_updateSync);
        }
    }

    public async Task SendQueueAsync()
    {
        if (_sendQueueNotConcurrent.Count == 0) return;

        if (!Monitor.TryEnter(_syncHack)) return;

        try
        {
            using (var memStream = new MemoryStream())
            {
                int messageCount = 0;
                int length = _sendQueueNotConcurrent.Count;
                for (int i = 0; i < length; i++)
                {
                    Packet? packet = null;
                    lock (_queueSync)
                    {
                        if (_sendQueueNotConcurrent.Count == 0) break;
                        packet = _sendQueueNotConcurrent.Dequeue();
                    }

                    if (length == 1)
                    {
                        await Server.SendPacketAsync(this, packet); // expect: RACE012
                    }
                    else if (packet.NoBatch)
                    {
                        await SendBufferedAsync(messageCount, memStream);
                        messageCount = 0;
                        await Server.SendPacketAsync(this, packet);
                    }
                    else
                    {
                        byte[] bytes = packet.Encode();
                        messageCount++;
                        memStream.Write(bytes, 0, bytes.Length);
                        packet.PutPool();
                    }
                }

                await SendBufferedAsync(messageCount, memStream);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
        }
        finally
        {
            Monitor.Exit(_syncHack);
        }
    }

    private Task SendBufferedAsync(int messageCount, MemoryStream stream) => Task.CompletedTask;
}
