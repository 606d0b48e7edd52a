// rabbitmq/rabbitmq-dotnet-client, projects/RabbitMQ.Client/client/impl/AsyncConsumerWorkService.cs, fixed in f821abbf5
// (#841): the GetOrAdd runs under a lock, so only one WorkPool per channel is ever started.
#nullable disable
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace RealBugs.RabbitMQClient_WorkPoolGetOrAdd.After
{
internal interface IModel
{
}

internal abstract class ModelBase : IModel
{
}

internal abstract class Work
{
    public abstract Task Execute(ModelBase model);
}

internal class ConsumerWorkService
{
}

    internal sealed class AsyncConsumerWorkService : ConsumerWorkService
    {
        private readonly ConcurrentDictionary<IModel, WorkPool> _workPools;
        private readonly Func<IModel, WorkPool> _startNewWorkPoolFunc;

        public AsyncConsumerWorkService()
        {
            _workPools = new ConcurrentDictionary<IModel, WorkPool>();
            _startNewWorkPoolFunc = model => StartNewWorkPool(model);
        }

        public void Schedule<TWork>(ModelBase model, TWork work) where TWork : Work
        {
            /*
             * The lock is necessary because calling the value delegate is not atomic.
             */
            lock (_workPools)
            {
                _workPools.GetOrAdd(model, _startNewWorkPoolFunc).Enqueue(work);
            }
        }

        private static WorkPool StartNewWorkPool(IModel model)
        {
            var newWorkPool = new WorkPool(model as ModelBase);
            newWorkPool.Start();
            return newWorkPool;
        }

        public Task Stop(IModel model)
        {
            if (_workPools.TryRemove(model, out WorkPool workPool))
            {
                return workPool.Stop();
            }

            return Task.CompletedTask;
        }

        class WorkPool
        {
            readonly Channel<Work> _channel;
            readonly ModelBase _model;
            private Task _worker;

            public WorkPool(ModelBase model)
            {
                _model = model;
                _channel = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
            }

            public void Start()
            {
                _worker = Task.Run(Loop, CancellationToken.None);
            }

            public void Enqueue(Work work)
            {
                _channel.Writer.TryWrite(work);
            }

            async Task Loop()
            {
                while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (_channel.Reader.TryRead(out Work work))
                    {
                        try
                        {
                            Task task = work.Execute(_model);
                            if (!task.IsCompleted)
                            {
                                await task.ConfigureAwait(false);
                            }
                        }
                        catch(Exception)
                        {

                        }
                    }
                }
            }

            public Task Stop()
            {
                _channel.Writer.Complete();
                return _worker;
            }
        }
    }
}
