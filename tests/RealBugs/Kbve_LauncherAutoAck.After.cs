// KBVE/kbve, apps/ows/ows-instance-launcher/Services/ServerLauncherMQListener.cs, fixed in c63cdce (#8672): autoAck
// false; each delivery is acked after it was handled and nacked with requeue when handling throws.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace RealBugs.Kbve_LauncherAutoAck.After;

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

        serverSpinUpConsumer.ReceivedAsync += async (model, ea) =>
        {
            try
            {
                var body = ea.Body;
                MQSpinUpServerMessage serverSpinUpMessage = MQSpinUpServerMessage.Deserialize(body.ToArray());
                HandleServerSpinUpMessage(
                    serverSpinUpMessage.CustomerGUID,
                    serverSpinUpMessage.WorldServerID,
                    serverSpinUpMessage.ZoneInstanceID,
                    serverSpinUpMessage.MapName,
                    serverSpinUpMessage.Port);

                await serverSpinUpChannel.BasicAckAsync(ea.DeliveryTag, multiple: false);
            }
            catch (Exception)
            {
                await serverSpinUpChannel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);
            }
        };

        await serverSpinUpChannel.BasicConsumeAsync(queue: serverSpinUpQueueNameGUID.ToString(),
                                     autoAck: false,
                                     consumer: serverSpinUpConsumer);

        var serverShutDownConsumer = new AsyncEventingBasicConsumer(serverShutDownChannel);

        serverShutDownConsumer.ReceivedAsync += async (model, ea) =>
        {
            try
            {
                var body = ea.Body;
                MQShutDownServerMessage serverShutDownMessage = MQShutDownServerMessage.Deserialize(body.ToArray());
                HandleServerShutDownMessage(
                    serverShutDownMessage.CustomerGUID,
                    serverShutDownMessage.ZoneInstanceID);

                await serverShutDownChannel.BasicAckAsync(ea.DeliveryTag, multiple: false);
            }
            catch (Exception)
            {
                await serverShutDownChannel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);
            }
        };

        await serverShutDownChannel.BasicConsumeAsync(queue: serverShutDownQueueNameGUID.ToString(),
                                     autoAck: false,
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
