// KBVE/kbve, apps/ows/ows-instance-launcher/Services/ServerLauncherMQListener.cs, before c63cdce (#8672, issue #8664):
// both consumers use autoAck: true, so a spin-up or shut-down order is gone from the queue before the launcher acts on
// it; a crash in the handler loses it. (Written against RabbitMQ.Client 7: ReceivedAsync, BasicConsumeAsync.)
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace RealBugs.Kbve_LauncherAutoAck.Before;

public sealed class MQSpinUpServerMessage
{
    public Guid CustomerGUID { get; set; }
    public int WorldServerID { get; set; }
    public int ZoneInstanceID { get; set; }
    public string MapName { get; set; } = "";
    public int Port { get; set; }

    public static MQSpinUpServerMessage Deserialize(byte[] body) => JsonSerializer.Deserialize<MQSpinUpServerMessage>(body)!;
}

public sealed class MQShutDownServerMessage
{
    public Guid CustomerGUID { get; set; }
    public int ZoneInstanceID { get; set; }

    public static MQShutDownServerMessage Deserialize(byte[] body) => JsonSerializer.Deserialize<MQShutDownServerMessage>(body)!;
}

public sealed class ZoneServerProcess
{
    public int ZoneInstanceId { get; set; }
    public string MapName { get; set; } = "";
    public int Port { get; set; }
    public int ProcessId { get; set; }
}

public interface IZoneServerProcessesRepository
{
    void AddZoneServerProcess(ZoneServerProcess process);
    int FindZoneServerProcessId(int zoneInstanceId);
}

public sealed class ServerLauncherMQListener
{
    private readonly IChannel serverSpinUpChannel;
    private readonly IChannel serverShutDownChannel;
    private readonly IZoneServerProcessesRepository _zoneServerProcessesRepository;
    private readonly Guid _customerGUID;
    private readonly string _pathToDedicatedServer = "server";
    private readonly Guid serverSpinUpQueueNameGUID = Guid.NewGuid();
    private readonly Guid serverShutDownQueueNameGUID = Guid.NewGuid();

    public ServerLauncherMQListener(IChannel spinUp, IChannel shutDown, IZoneServerProcessesRepository repository, Guid customerGuid)
    {
        serverSpinUpChannel = spinUp;
        serverShutDownChannel = shutDown;
        _zoneServerProcessesRepository = repository;
        _customerGUID = customerGuid;
    }

    public async Task DoWorkAsync()
    {
        var serverSpinUpConsumer = new AsyncEventingBasicConsumer(serverSpinUpChannel);

        serverSpinUpConsumer.ReceivedAsync += (model, ea) =>
        {
            var body = ea.Body;
            MQSpinUpServerMessage serverSpinUpMessage = MQSpinUpServerMessage.Deserialize(body.ToArray());
            HandleServerSpinUpMessage(
                serverSpinUpMessage.CustomerGUID,
                serverSpinUpMessage.WorldServerID,
                serverSpinUpMessage.ZoneInstanceID,
                serverSpinUpMessage.MapName,
                serverSpinUpMessage.Port);

            return Task.CompletedTask;
        };

        await serverSpinUpChannel.BasicConsumeAsync(queue: serverSpinUpQueueNameGUID.ToString(), // expect: RACE010
                                     autoAck: true,
                                     consumer: serverSpinUpConsumer);

        var serverShutDownConsumer = new AsyncEventingBasicConsumer(serverShutDownChannel);

        serverShutDownConsumer.ReceivedAsync += (model, ea) =>
        {
            var body = ea.Body;
            MQShutDownServerMessage serverShutDownMessage = MQShutDownServerMessage.Deserialize(body.ToArray());
            HandleServerShutDownMessage(
                serverShutDownMessage.CustomerGUID,
                serverShutDownMessage.ZoneInstanceID);

            return Task.CompletedTask;
        };

        await serverShutDownChannel.BasicConsumeAsync(queue: serverShutDownQueueNameGUID.ToString(), // expect: RACE010
                                     autoAck: true,
                                     consumer: serverShutDownConsumer);
    }

    private void HandleServerSpinUpMessage(Guid customerGUID, int worldServerID, int zoneInstanceID, string mapName, int port)
    {
        if (_customerGUID != customerGUID)
        {
            return;
        }

        var proc = new Process
        {
            StartInfo = new ProcessStartInfo
            {
                FileName = _pathToDedicatedServer,
                Arguments = string.Format("{0}?listen -server -port={1} -zoneinstanceid={2}", mapName, port, zoneInstanceID),
                UseShellExecute = false,
            },
        };

        proc.Start();

        _zoneServerProcessesRepository.AddZoneServerProcess(new ZoneServerProcess
        {
            ZoneInstanceId = zoneInstanceID,
            MapName = mapName,
            Port = port,
            ProcessId = proc.Id,
        });
    }

    private void HandleServerShutDownMessage(Guid customerGUID, int zoneInstanceID)
    {
        if (_customerGUID != customerGUID)
        {
            return;
        }

        int foundProcessId = _zoneServerProcessesRepository.FindZoneServerProcessId(zoneInstanceID);
        if (foundProcessId > 0)
        {
            Process.GetProcessById(foundProcessId).Kill();
        }
    }
}
