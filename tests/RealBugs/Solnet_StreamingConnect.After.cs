// bmresearch/Solnet, src/Solnet.Rpc/Core/Sockets/StreamingRpcClient.cs, fixed in 3745dd0 (#292, issue #290):
// the work between Wait and Release sits in try/finally, so a failed connect gives the gate back.
#nullable enable
using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.Solnet_StreamingConnect.After;

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
        try
        {
            if (ClientSocket.State != WebSocketState.Open)
            {
                await ClientSocket.ConnectAsync(NodeAddress, CancellationToken.None).ConfigureAwait(false);
                _ = Task.Run(StartListening);
                ConnectionStateChangedEvent?.Invoke(this, State);
            }
        }
        finally
        {
            _sem.Release();
        }
    }

    public async Task DisconnectAsync()
    {
        _sem.Wait();
        try
        {
            if (ClientSocket.State == WebSocketState.Open)
            {
                await ClientSocket.CloseAsync(CancellationToken.None);
                ClientSocket.Dispose();
                ClientSocket = CreateSocket();
                CleanupSubscriptions();
            }
        }
        finally
        {
            _sem.Release();
        }
    }

    protected abstract IWebSocket CreateSocket();

    protected abstract void CleanupSubscriptions();

    private Task StartListening() => Task.CompletedTask;
}
