// rabbitmq/rabbitmq-dotnet-client, projects/RabbitMQ.Client/client/impl/AsyncConsumerWorkService.cs, before f821abbf5
// (merged with #841, "add a lock because GetOrAdd is not atomic"): Schedule passes a factory that creates and starts a
// WorkPool (a Task.Run loop) to GetOrAdd; two first deliveries on one channel can both run it, one pool is stored and
// the other keeps its worker loop running, never stopped. Client 6 internals (IModel, ModelBase, Work) are stubs.
#nullable disable
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace RealBugs.RabbitMQClient_WorkPoolGetOrAdd.Before
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
        private readonly ConcurrentDictionary<IModel, WorkPool> _workPools = new ConcurrentDictionary<IModel, WorkPool>();

        public void Schedule<TWork>(ModelBase model, TWork work) where TWork : Work
        {
            _workPools.GetOrAdd(model, StartNewWorkPool).Enqueue(work); // expect: RACE009
        }

        private WorkPool StartNewWorkPool(IModel model)
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
