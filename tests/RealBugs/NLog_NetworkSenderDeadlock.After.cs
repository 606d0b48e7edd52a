// NLog/NLog, src/NLog/Internal/NetworkSenders/QueuedNetworkSender.cs, fixed in 8b528fc6c (#4543): EndRequest no longer
// holds _pendingRequests while it invokes the continuation, and DoSend/DoClose call theirs after leaving the lock. The
// queued continuations drained on an error (DequeueNextItem) are still invoked under the lock, as upstream left them.
#nullable disable
using System;
using System.Collections.Generic;
using System.Threading;

namespace RealBugs.NLog_NetworkSenderDeadlock.After;

public delegate void AsyncContinuation(Exception exception);

public struct AsyncLogEventInfo
{
    public AsyncLogEventInfo(string message, AsyncContinuation continuation)
    {
        Message = message;
        Continuation = continuation;
    }

    public string Message { get; }

    public AsyncContinuation Continuation { get; }
}

internal abstract class NetworkSender
{
    private static int currentSendTime;

    protected NetworkSender(string url) => Address = url;

    public string Address { get; }

    public int LastSendTime { get; private set; }

    public void Close(AsyncContinuation continuation)
    {
        DoClose(continuation);
    }

    public void Send(byte[] bytes, int offset, int length, AsyncContinuation asyncContinuation)
    {
        try
        {
            LastSendTime = Interlocked.Increment(ref currentSendTime);
            DoSend(bytes, offset, length, asyncContinuation);
        }
        catch (Exception ex)
        {
            asyncContinuation(ex);
        }
    }

    protected virtual void DoClose(AsyncContinuation continuation)
    {
        continuation(null);
    }

    protected abstract void DoSend(byte[] bytes, int offset, int length, AsyncContinuation asyncContinuation);
}

/// <summary>
/// A base class for network senders that can block or send out-of-order
/// </summary>
internal abstract class QueuedNetworkSender : NetworkSender
{
    protected struct NetworkRequestArgs
    {
        public NetworkRequestArgs(byte[] buffer, int offset, int length, AsyncContinuation asyncContinuation)
        {
            AsyncContinuation = asyncContinuation;
            RequestBuffer = buffer;
            RequestBufferOffset = offset;
            RequestBufferLength = length;
        }

        public readonly AsyncContinuation AsyncContinuation;
        public readonly byte[] RequestBuffer;
        public readonly int RequestBufferOffset;
        public readonly int RequestBufferLength;
    }

    private readonly Queue<NetworkRequestArgs> _pendingRequests = new Queue<NetworkRequestArgs>();
    private Exception _pendingError;
    private bool _asyncOperationInProgress;
    private AsyncContinuation _closeContinuation;
    private AsyncContinuation _flushContinuation;

    protected QueuedNetworkSender(string url)
        : base(url)
    {
    }

    internal int MaxQueueSize { get; set; }

    protected override void DoSend(byte[] bytes, int offset, int length, AsyncContinuation asyncContinuation)
    {
        NetworkRequestArgs? eventArgs = new NetworkRequestArgs(bytes, offset, length, asyncContinuation);
        AsyncContinuation failedContinuation = null;

        lock (_pendingRequests)
        {
            if (_pendingError is null)
            {
                if (MaxQueueSize > 0 && _pendingRequests.Count >= MaxQueueSize)
                {
                    var dequeued = _pendingRequests.Dequeue();
                    failedContinuation = dequeued.AsyncContinuation;
                }

                if (!_asyncOperationInProgress)
                {
                    _asyncOperationInProgress = true;
                }
                else
                {
                    _pendingRequests.Enqueue(eventArgs.Value);
                    eventArgs = null;
                }
            }
            else
            {
                failedContinuation = asyncContinuation;
                eventArgs = null;
            }
        }

        if (eventArgs.HasValue)
        {
            BeginRequest(eventArgs.Value);
        }

        failedContinuation?.Invoke(_pendingError);
    }

    protected override void DoClose(AsyncContinuation continuation)
    {
        lock (_pendingRequests)
        {
            if (_asyncOperationInProgress)
            {
                _closeContinuation = continuation;
                return;
            }
        }

        continuation(null);
    }

    protected NetworkRequestArgs? EndRequest(AsyncContinuation asyncContinuation, Exception pendingException)
    {
        if (pendingException != null)
        {
            lock (_pendingRequests)
            {
                _pendingError = pendingException;
            }
        }

        asyncContinuation?.Invoke(pendingException);    // Will attempt to close socket on error

        return DequeueNextItem();
    }

    protected abstract void BeginRequest(NetworkRequestArgs eventArgs);

    private NetworkRequestArgs? DequeueNextItem()
    {
        AsyncContinuation closeContinuation;
        AsyncContinuation flushContinuation;

        lock (_pendingRequests)
        {
            _asyncOperationInProgress = false;

            if (_pendingError != null)
            {
                while (_pendingRequests.Count != 0)
                {
                    var eventArgs = _pendingRequests.Dequeue();
                    eventArgs.AsyncContinuation?.Invoke(_pendingError);
                }
            }

            if (_pendingRequests.Count == 0)
            {
                flushContinuation = _flushContinuation;
                if (flushContinuation != null)
                {
                    _flushContinuation = null;
                }

                closeContinuation = _closeContinuation;
                if (closeContinuation != null)
                {
                    _closeContinuation = null;
                }
            }
            else
            {
                _asyncOperationInProgress = true;
                return _pendingRequests.Dequeue();
            }
        }

        flushContinuation?.Invoke(_pendingError);
        closeContinuation?.Invoke(_pendingError);
        return null;
    }
}

// The socket sender, in own words: a send completes on an I/O thread, which reports it with EndRequest.
internal sealed class TcpNetworkSender : QueuedNetworkSender
{
    private readonly ISocket _socket;

    public TcpNetworkSender(string url, ISocket socket) : base(url) => _socket = socket;

    protected override void BeginRequest(NetworkRequestArgs eventArgs)
    {
        _socket.SendAsync(eventArgs.RequestBuffer, eventArgs.RequestBufferOffset, eventArgs.RequestBufferLength,
            error => SocketOperationCompleted(eventArgs.AsyncContinuation, error));
    }

    private void SocketOperationCompleted(AsyncContinuation asyncContinuation, Exception pendingException)
    {
        var nextRequest = base.EndRequest(asyncContinuation, pendingException);
        if (nextRequest.HasValue)
        {
            BeginRequest(nextRequest.Value);
        }
    }
}

public interface ISocket
{
    void SendAsync(byte[] buffer, int offset, int length, Action<Exception> completed);
}

public interface ISocketFactory
{
    ISocket Connect(string address);
}

internal sealed class NetworkTarget
{
    private readonly Dictionary<string, LinkedListNode<NetworkSender>> _currentSenderCache = new Dictionary<string, LinkedListNode<NetworkSender>>(StringComparer.Ordinal);
    private readonly LinkedList<NetworkSender> _openNetworkSenders = new LinkedList<NetworkSender>();
    private readonly ISocketFactory _socketFactory;

    public NetworkTarget(ISocketFactory socketFactory) => _socketFactory = socketFactory;

    public string Address { get; set; } = "tcp://localhost:4001";

    public int MaxQueueSize { get; set; } = 10000;

    /// <summary>
    /// Closes the target.
    /// </summary>
    public void CloseTarget()
    {
        lock (_openNetworkSenders)
        {
            foreach (var openSender in _openNetworkSenders)
            {
                openSender.Close(ex => { });
            }

            _openNetworkSenders.Clear();
        }
    }

    public void Write(AsyncLogEventInfo logEvent)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(logEvent.Message);
        WriteBytesToCachedNetworkSender(Address, bytes, logEvent);
    }

    private void WriteBytesToCachedNetworkSender(string address, byte[] bytes, AsyncLogEventInfo logEvent)
    {
        LinkedListNode<NetworkSender> senderNode = GetCachedNetworkSender(address);

        senderNode.Value.Send(
            bytes,
            0,
            bytes.Length,
            ex =>
            {
                if (ex != null)
                {
                    ReleaseCachedConnection(senderNode);
                }

                logEvent.Continuation(ex);
            });
    }

    // In own words: one cached sender per address, created on first use.
    private LinkedListNode<NetworkSender> GetCachedNetworkSender(string address)
    {
        lock (_currentSenderCache)
        {
            if (_currentSenderCache.TryGetValue(address, out var senderNode))
            {
                return senderNode;
            }

            NetworkSender sender = new TcpNetworkSender(address, _socketFactory.Connect(address)) { MaxQueueSize = MaxQueueSize };
            lock (_openNetworkSenders)
            {
                senderNode = _openNetworkSenders.AddLast(sender);
            }

            _currentSenderCache.Add(address, senderNode);
            return senderNode;
        }
    }

    private void ReleaseCachedConnection(LinkedListNode<NetworkSender> senderNode)
    {
        lock (_currentSenderCache)
        {
            var networkSender = senderNode.Value;
            lock (_openNetworkSenders)
            {
                if (TryRemove(_openNetworkSenders, senderNode))
                {
                    // only remove it once
                    networkSender.Close(ex => { });
                }
            }

            // make sure the current sender for this address is the one we want to remove
            if (_currentSenderCache.TryGetValue(networkSender.Address, out var sender2) && ReferenceEquals(senderNode, sender2))
            {
                _currentSenderCache.Remove(networkSender.Address);
            }
        }
    }

    private static bool TryRemove<T>(LinkedList<T> list, LinkedListNode<T> node)
    {
        if (node is null || list != node.List)
        {
            return false;
        }

        list.Remove(node);
        return true;
    }
}
