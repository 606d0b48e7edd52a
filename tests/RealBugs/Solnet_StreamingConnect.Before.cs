// bmresearch/Solnet, src/Solnet.Rpc/Core/Sockets/StreamingRpcClient.cs, before 3745dd0 (#292, issue #290):
// ConnectAsync/DisconnectAsync release the SemaphoreSlim(1, 1) only when the socket call succeeds; a failed
// connect (HTTP 413 on the upgrade) leaves the gate taken and every later connect hangs.
#nullable enable
using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.Solnet_StreamingConnect.Before;

internal interface IWebSocket : IDisposable
{
    WebSocketState State { get; }
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);
    Task CloseAsync(CancellationToken cancellationToken);
}

internal abstract class StreamingRpcClient
{
    private readonly SemaphoreSlim _sem;

    protected IWebSocket ClientSocket;

    protected StreamingRpcClient(string url, IWebSocket socket)
    {
        NodeAddress = new Uri(url);
        ClientSocket = socket;
        _sem = new SemaphoreSlim(1, 1);
    }

    public Uri NodeAddress { get; }

    public WebSocketState State => ClientSocket.State;

    public event EventHandler<WebSocketState>? ConnectionStateChangedEvent;

    public async Task ConnectAsync()
    {
        _sem.Wait();
        if (ClientSocket.State != WebSocketState.Open)
        {
            await ClientSocket.ConnectAsync(NodeAddress, CancellationToken.None).ConfigureAwait(false);
            _ = Task.Run(StartListening);
            ConnectionStateChangedEvent?.Invoke(this, State);
        }
        _sem.Release(); // expect: RACE002
    }

    public async Task DisconnectAsync()
    {
        _sem.Wait();
        if (ClientSocket.State == WebSocketState.Open)
        {
            await ClientSocket.CloseAsync(CancellationToken.None);
            ClientSocket.Dispose();
            ClientSocket = CreateSocket();
            CleanupSubscriptions();
        }
        _sem.Release(); // expect: RACE002
    }

    protected abstract IWebSocket CreateSocket();

    protected abstract void CleanupSubscriptions();

    private Task StartListening() => Task.CompletedTask;
}
