namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>Wraps a method body in a compilable class with the usual usings, so tests show only what matters.</summary>
    internal static class Code
    {
        public const string Usings = """
using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Broker;

""";

        /// <summary>A class <c>Worker</c> with the message-queue fields and one method <c>Run</c> holding <paramref name="body"/>.</summary>
        public static string Method(string body, string signature = "public async Task Run(Message msg, Stream stream, CancellationToken ct)", string members = "")
            => Usings + """

public sealed class Worker
{
    private readonly ConnectionPool _pool = new ConnectionPool();
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
    private readonly object _sync = new object();
    private readonly IMessageHandler _handler = null!;
    private readonly ILogger _logger = null!;
    private readonly IAppLogger _log = null!;

""" + members + """

    
""" + signature + """

    {

""" + body + """

        await Task.CompletedTask;
    }

    private static int Compute(Connection connection) => 1;
    private static void Save(int value) { }
    private static void Consume(ReadOnlySpan<byte> data) { }
}

""" + InHouseApis.MessageQueue;
    }
}
