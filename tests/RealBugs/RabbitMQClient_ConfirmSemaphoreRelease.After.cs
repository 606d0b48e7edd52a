// rabbitmq/rabbitmq-dotnet-client, projects/RabbitMQ.Client/Impl/Channel.PublisherConfirms.cs, fixed in c6f0592: a cancelled
// wait disposes the lease and rethrows, so no confirmation info is returned, and the release runs only when the info
// (hence the slot) exists.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace RealBugs.RabbitMQClient_ConfirmSemaphoreRelease.After;

internal sealed class PublisherConfirmationInfo : IDisposable
{
    private readonly RateLimitLease? _lease;

    public PublisherConfirmationInfo(ulong publishSequenceNumber, TaskCompletionSource<bool>? tcs, RateLimitLease? lease)
    {
        PublishSequenceNumber = publishSequenceNumber;
        ConfirmationTcs = tcs;
        _lease = lease;
    }

    public ulong PublishSequenceNumber { get; }

    public TaskCompletionSource<bool>? ConfirmationTcs { get; }

    public Task MaybeWaitForConfirmationAsync(CancellationToken cancellationToken)
        => ConfirmationTcs is null ? Task.CompletedTask : ConfirmationTcs.Task.WaitAsync(cancellationToken);

    public void Dispose() => _lease?.Dispose();
}

internal sealed class Channel
{
    private readonly SemaphoreSlim _confirmSemaphore = new(1, 1);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _confirmsTaskCompletionSources = new();
    private readonly RateLimiter? _outstandingPublisherConfirmationsRateLimiter;
    private readonly bool _publisherConfirmationsEnabled = true;
    private readonly bool _publisherConfirmationTrackingEnabled = true;
    private ulong _nextPublishSeqNo = 1;

    public Channel(RateLimiter? limiter) => _outstandingPublisherConfirmationsRateLimiter = limiter;

    public async ValueTask BasicPublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        PublisherConfirmationInfo? publisherConfirmationInfo = null;
        try
        {
            publisherConfirmationInfo = await MaybeStartPublisherConfirmationTrackingAsync(cancellationToken).ConfigureAwait(false);

            ulong publishSequenceNumber = publisherConfirmationInfo?.PublishSequenceNumber ?? 0;
            await ModelSendAsync(exchange, routingKey, publishSequenceNumber, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (!MaybeHandleExceptionWithEnabledPublisherConfirmations(publisherConfirmationInfo, ex))
            {
                throw;
            }
        }
        finally
        {
            await MaybeEndPublisherConfirmationTrackingAsync(publisherConfirmationInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PublisherConfirmationInfo?> MaybeStartPublisherConfirmationTrackingAsync(CancellationToken cancellationToken)
    {
        if (_publisherConfirmationsEnabled)
        {
            RateLimitLease? lease = null;
            if (_publisherConfirmationTrackingEnabled && _outstandingPublisherConfirmationsRateLimiter is not null)
            {
                lease = await _outstandingPublisherConfirmationsRateLimiter.AcquireAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    throw new InvalidOperationException("Could not acquire a lease from the rate limiter.");
                }
            }

                try
                {
                    await _confirmSemaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lease?.Dispose();
                    throw;
                }

            ulong publishSequenceNumber = _nextPublishSeqNo;
            TaskCompletionSource<bool>? publisherConfirmationTcs = null;
            if (_publisherConfirmationTrackingEnabled)
            {
                publisherConfirmationTcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_confirmsTaskCompletionSources.TryAdd(publishSequenceNumber, publisherConfirmationTcs))
                {
                    throw new InvalidOperationException("sequence number already tracked");
                }
            }

            _nextPublishSeqNo++;
            return new PublisherConfirmationInfo(publishSequenceNumber, publisherConfirmationTcs, lease);
        }

        return null;
    }

    private bool MaybeHandleExceptionWithEnabledPublisherConfirmations(PublisherConfirmationInfo? publisherConfirmationInfo, Exception ex)
    {
        if (_publisherConfirmationsEnabled && publisherConfirmationInfo is not null)
        {
            _nextPublishSeqNo--;
            _confirmsTaskCompletionSources.TryRemove(publisherConfirmationInfo.PublishSequenceNumber, out _);
        }

        return false;
    }

    private async Task MaybeEndPublisherConfirmationTrackingAsync(PublisherConfirmationInfo? publisherConfirmationInfo, CancellationToken cancellationToken)
    {
        if (_publisherConfirmationsEnabled)
        {
                if (publisherConfirmationInfo is not null)
                {
                    _confirmSemaphore.Release();

                    try
                    {
                        await publisherConfirmationInfo.MaybeWaitForConfirmationAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _confirmsTaskCompletionSources.TryRemove(publisherConfirmationInfo.PublishSequenceNumber, out _);
                        throw;
                    }
                    finally
                    {
                        publisherConfirmationInfo.Dispose();
                    }
                }
        }
    }

    private Task ModelSendAsync(string exchange, string routingKey, ulong sequence, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
