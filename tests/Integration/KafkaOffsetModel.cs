using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using Confluent.Kafka;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>
    /// A MODEL of a Kafka consumer on one partition, not Kafka: no broker can run here (the client's native
    /// library is not served), so the proofs run consume loops against this stand-in for the semantics that
    /// decide whether a message is lost. It keeps what matters and nothing else:
    /// <list type="bullet">
    /// <item>the committed offset is one number per partition: committing a message commits every offset
    /// before it (<c>Commit(result)</c> sets it to <c>result.Offset + 1</c>; <c>StoreOffset</c> is committed
    /// at once, as auto-commit eventually does);</item>
    /// <item><c>Seek</c> moves the fetch position: the next <c>Consume</c> returns that offset again;</item>
    /// <item>a restarted consumer (<see cref="Restart"/>) starts at the committed offset;</item>
    /// <item><c>Consume(CancellationToken)</c> past the end of the log ends the run with an
    /// <see cref="OperationCanceledException"/>, as a shutdown would;</item>
    /// <item>made from a <see cref="ConsumerConfig"/> (<see cref="Connect"/>), it keeps the client's two offset
    /// settings: with <c>EnableAutoOffsetStore</c> on (the default) <c>Consume</c> stores the offset it returns
    /// and <c>StoreOffset</c> is rejected; with <c>EnableAutoCommit</c> on (the default) a stored offset is
    /// committed at once, the worst moment the background commit can pick.</item>
    /// </list>
    /// Every other member of <see cref="IConsumer{TKey, TValue}"/> throws <see cref="NotSupportedException"/>.
    /// </summary>
    public class KafkaOffsetModel : DispatchProxy
    {
        private IReadOnlyList<Message<string, string>> _log = Array.Empty<Message<string, string>>();
        private long _position;
        private ConsumerConfig? _config;

        /// <summary>The offset a restarted consumer would start from.</summary>
        public long Committed { get; private set; }

        public static (IConsumer<string, string> Consumer, KafkaOffsetModel Model) Start(IReadOnlyList<Message<string, string>> log, long from = 0)
        {
            var consumer = Create<IConsumer<string, string>, KafkaOffsetModel>();
            var model = (KafkaOffsetModel)(object)consumer;
            model._log = log;
            model._position = from;
            model.Committed = from;
            return (consumer, model);
        }

        /// <summary>A new consumer of the same group after a crash or rebalance: it resumes at the committed offset.</summary>
        public (IConsumer<string, string> Consumer, KafkaOffsetModel Model) Restart()
        {
            var restarted = Start(_log, Committed);
            restarted.Model._config = _config;
            return restarted;
        }

        /// <summary>
        /// What the code under test calls in place of <c>new ConsumerBuilder(config).Build()</c> (which needs the
        /// client's native library): a consumer of <paramref name="log"/> from the group's committed offset, with
        /// the offset settings of the config it is given; <paramref name="made"/> sees each model made.
        /// </summary>
        public static Func<ConsumerConfig, IConsumer<string, string>> Connect(IReadOnlyList<Message<string, string>> log, Func<long> committed, Action<KafkaOffsetModel> made)
            => config =>
            {
                var (consumer, model) = Start(log, committed());
                model._config = config;
                made(model);
                return consumer;
            };

        private bool StoresAutomatically => _config != null && _config.EnableAutoOffsetStore != false;

        private bool CommitsAutomatically => _config == null || _config.EnableAutoCommit != false;

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method?.Name)
            {
                case "Consume" when args?.Length == 1 && args[0] is CancellationToken:
                    if (_position >= _log.Count)
                    {
                        throw new OperationCanceledException("end of the modelled log");
                    }

                    var offset = _position++;
                    if (StoresAutomatically && CommitsAutomatically)
                    {
                        Committed = offset + 1;
                    }

                    return new ConsumeResult<string, string>
                    {
                        TopicPartitionOffset = new TopicPartitionOffset("inventory", new Partition(0), new Offset(offset)),
                        Message = _log[(int)offset],
                    };
                case "Commit" when args?.Length == 1 && args[0] is ConsumeResult<string, string> committed:
                    Committed = committed.Offset.Value + 1;
                    return null;
                case "Commit" when args == null || args.Length == 0:
                    Committed = _position;
                    return null;
                case "StoreOffset" when args?.Length == 1 && args[0] is ConsumeResult<string, string> stored:
                    if (StoresAutomatically)
                    {
                        throw new KafkaException(ErrorCode.Local_InvalidArg);
                    }

                    if (CommitsAutomatically)
                    {
                        Committed = stored.Offset.Value + 1;
                    }

                    return null;
                case "Seek" when args?.Length == 1 && args[0] is TopicPartitionOffset seek:
                    _position = seek.Offset.Value;
                    return null;
                case "Subscribe":
                case "Close":
                case "Dispose":
                    return null;
                default:
                    throw new NotSupportedException($"{method?.Name} is not part of the offset model");
            }
        }
    }
}
