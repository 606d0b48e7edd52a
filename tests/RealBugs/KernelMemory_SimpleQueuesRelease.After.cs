// microsoft/kernel-memory, service/Core/Pipeline/Queue/DevTools/SimpleQueues.cs, fixed in e8ac5fc (#941): a flag
// set after the wait succeeds guards the release in the finally.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace RealBugs.KernelMemory_SimpleQueuesRelease.After;

public sealed class Message
{
    public string Id { get; set; } = "";
    public int DequeueCount { get; set; }
    public bool IsLocked() => false;
}

public sealed class MessageEventArgs : EventArgs
{
    public Message? Message { get; set; }
}

public interface IFileStore
{
    Task<IEnumerable<string>> GetAllFileNamesAsync(string volume, string path, CancellationToken cancellationToken);
}

public sealed class SimpleQueues
{
    private const int FetchBatchSize = 3;
    private static readonly SemaphoreSlim s_lock = new(initialCount: 1, maxCount: 1);

    private readonly ConcurrentQueue<Message> _queue = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IFileStore _fileSystem;
    private readonly ILogger _log;
    private readonly string _queueName = "queue";

    public SimpleQueues(IFileStore fileSystem, ILogger log)
    {
        this._fileSystem = fileSystem;
        this._log = log;
    }

    public event EventHandler<MessageEventArgs>? Received;

    private void PopulateQueue(object? sender, EventArgs args)
    {
        Task.Run(async () =>
        {
            var lockAcquired = false;
            try
            {
                if (this._queue.Count >= FetchBatchSize) { return; }

                await s_lock.WaitAsync(this._cancellation.Token).ConfigureAwait(false);
                lockAcquired = true;

                var messagesOnStorage = (await this._fileSystem.GetAllFileNamesAsync(this._queueName, "", this._cancellation.Token).ConfigureAwait(false)).ToList();
                if (messagesOnStorage.Count == 0) { return; }

                foreach (var fileName in messagesOnStorage)
                {
                    if (this._queue.Count >= FetchBatchSize) { return; }

                    var message = await this.ReadMessageAsync(fileName, this._cancellation.Token).ConfigureAwait(false);
                    if (!message.IsLocked() && this._queue.All(x => x.Id != message.Id))
                    {
                        message.DequeueCount++;
                        this._queue.Enqueue(message);
                    }
                }
            }
            catch (DirectoryNotFoundException e)
            {
                this._log.LogError(e, "Directory missing, recreating.");
            }
            catch (Exception e)
            {
                this._log.LogError(e, "Queue {QueueName}: Unexpected error while polling.", this._queueName);
            }
            finally
            {
                if (lockAcquired)
                {
                    s_lock.Release();
                }
            }
        }, this._cancellation.Token);
    }

    private void DispatchMessage(object? sender, EventArgs e)
    {
        Task.Run(async () =>
        {
            var lockAcquired = false;
            try
            {
                if (this._queue.IsEmpty) { return; }

                await s_lock.WaitAsync(this._cancellation.Token).ConfigureAwait(false);
                lockAcquired = true;

                while (this._queue.TryDequeue(out Message? message))
                {
                    this.Received?.Invoke(this, new MessageEventArgs { Message = message });
                }
            }
            catch (Exception ex)
            {
                this._log.LogError(ex, "Queue {QueueName}: Unexpected error while dispatching", this._queueName);
            }
            finally
            {
                if (lockAcquired)
                {
                    s_lock.Release();
                }
            }
        }, this._cancellation.Token);
    }

    private Task<Message> ReadMessageAsync(string id, CancellationToken cancellationToken) => Task.FromResult(new Message { Id = id });
}
