using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE001 with an implicit return: RabbitMQ.Client lends a consumer's <c>HandleBasicDeliverAsync</c> the delivery
    /// body only until the handler returns (the client disposes its rental then), so work the handler starts and does
    /// not await, still reading the body, reads it after its return. Copying before the hand-off, or awaiting, is quiet.
    /// </summary>
    public sealed class Race001LentBodyTests
    {
        private static string Consumer(string body, string members = "", string signature = "public override async Task HandleBasicDeliverAsync") => """
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;

public sealed class Envelope
{
    public Envelope(ReadOnlyMemory<byte> body) => Body = body;
    public ReadOnlyMemory<byte> Body { get; }
}

public sealed class QueueConsumer : AsyncDefaultBasicConsumer
{
    private Task _pending = Task.CompletedTask;

    public QueueConsumer(IChannel channel) : base(channel) { }

""" + signature + """
(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {

""" + body + """

        await Task.CompletedTask;
    }

    private static Task ProcessAsync(ReadOnlyMemory<byte> payload) => Task.CompletedTask;
    private static Task ProcessAsync(byte[] payload) => Task.CompletedTask;
    private static Task ProcessAsync(Envelope envelope) => Task.CompletedTask;
    private static Task LogAsync(string text) => Task.CompletedTask;
    private static void Process(byte[] payload) { }
""" + members + """

}
""";

        [Fact]
        public async Task LocalFunctionReadingTheBody_StartedWithTaskRunAndNotAwaited_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        _ = {|#0:Task.Run(Consume, cancellationToken)|}.ConfigureAwait(false);

        Task Consume() => ProcessAsync({|#1:new Envelope(body)|});
"""),
                Verify.Diagnostic("RACE001").WithLocation(0).WithLocation(1).WithArguments("body", "HandleBasicDeliverAsync", "new Envelope(body)", "24"));
        }

        [Fact]
        public async Task BodyHandedToADiscardedTask_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        _ = {|RACE001:ProcessAsync(body)|};
"""));
        }

        [Fact]
        public async Task ObjectBuiltOnTheBody_StoredAsAPendingTask_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        _pending = {|RACE001:ProcessAsync(new Envelope(body))|};
"""));
        }

        [Fact]
        public async Task SliceOfTheBody_InATaskKeptInALocalAndNeverAwaited_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        var payload = body.Slice(4);
        var work = {|RACE001:ProcessAsync(payload)|};
        Console.WriteLine(work.Id);
"""));
        }

        [Fact]
        public async Task CopyMadeInsideTheStartedLambda_IsStillTooLate_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        _ = {|RACE001:Task.Run(() => Process(body.ToArray()))|};
"""));
        }

        [Fact]
        public async Task InterfaceImplementation_OfTheClientsConsumer_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

public sealed class RawConsumer : IAsyncBasicConsumer
{
    public IChannel? Channel => null;

    public Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
        string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        _ = {|RACE001:Task.Run(() => Console.WriteLine(body.Length))|};
        return Task.CompletedTask;
    }

    public Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task HandleBasicCancelOkAsync(string consumerTag, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task HandleBasicConsumeOkAsync(string consumerTag, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task HandleChannelShutdownAsync(object channel, ShutdownEventArgs reason) => Task.CompletedTask;
}
""");
        }

        [Fact]
        public async Task CopyMadeBeforeTheHandOff_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        ReadOnlyMemory<byte> copy = body.ToArray();
        _ = Task.Run(() => ProcessAsync(copy), cancellationToken);
        _ = ProcessAsync(body.ToArray());
"""));
        }

        [Fact]
        public async Task StartedWorkAwaitedBeforeTheHandlerReturns_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        var work = ProcessAsync(body);
        await Task.Run(Consume, cancellationToken).ConfigureAwait(false);
        await work;

        Task Consume() => ProcessAsync(body);
"""));
        }

        [Fact]
        public async Task ValuesReadFromTheBodyNow_AreNotTheBody_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        _ = LogAsync(Encoding.UTF8.GetString(body.Span));
        _ = LogAsync(body.Length.ToString());
"""));
        }

        [Fact]
        public async Task TaskReturnedToTheDispatcher_IsAwaitedByIt_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        return ProcessAsync(body);
""", signature: "public override Task HandleBasicDeliverAsync").Replace("        await Task.CompletedTask;\n    }", "    }"));
        }

        [Fact]
        public async Task MemoryNobodyLends_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Consumer("""
        await Task.CompletedTask;
""", members: """
    public void Forward(ReadOnlyMemory<byte> body)
    {
        _ = ProcessAsync(body);
    }
"""));
        }
    }
}
