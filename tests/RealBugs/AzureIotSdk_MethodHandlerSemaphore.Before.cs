// Azure/azure-iot-sdk-csharp, iothub/device/src/InternalClient.cs, before 3e7610a (#1823, issue #1821; after the partial fix
// d1d59c5, #1508): WaitAsync(token) is inside the try whose finally releases, with the release's SemaphoreFullException
// swallowed; a cancelled caller gives away the slot another caller holds, and two callers edit the handler table at once.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.AzureIotSdk_MethodHandlerSemaphore.Before;

public delegate Task<string> MethodCallback(string payload, object? userContext);

public sealed class IotHubCommunicationException : Exception
{
    public IotHubCommunicationException(string message, Exception inner) : base(message, inner) { }
}

public interface ITransport
{
    Task EnableMethodsAsync(CancellationToken cancellationToken);
    Task DisableMethodsAsync(CancellationToken cancellationToken);
}

public sealed class InternalClient
{
    private readonly SemaphoreSlim _methodsDictionarySemaphore = new SemaphoreSlim(1, 1);
    private readonly ITransport _transport;
    private Dictionary<string, Tuple<MethodCallback, object?>>? _deviceMethods;

    public InternalClient(ITransport transport) => _transport = transport;

    public async Task SetMethodHandlerAsync(string methodName, MethodCallback? methodHandler, object? userContext, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _methodsDictionarySemaphore.WaitAsync(cancellationToken).ConfigureAwait(false); // expect: RACE002

            if (methodHandler != null)
            {
                await _transport.EnableMethodsAsync(cancellationToken).ConfigureAwait(false);
                _deviceMethods ??= new Dictionary<string, Tuple<MethodCallback, object?>>();
                _deviceMethods[methodName] = new Tuple<MethodCallback, object?>(methodHandler, userContext);
            }
            else if (_deviceMethods != null)
            {
                _deviceMethods.Remove(methodName);
                if (_deviceMethods.Count == 0)
                {
                    _deviceMethods = null;
                }

                await _transport.DisableMethodsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IotHubCommunicationException ex) when (ex.InnerException is OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        finally
        {
            try
            {
                _methodsDictionarySemaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // reached when the wait was cancelled before the semaphore was taken; ignored
            }
        }
    }
}
