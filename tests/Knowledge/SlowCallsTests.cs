using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Knowledge
{
    /// <summary>
    /// race-audit's "held across slow calls" decides I/O from what a call is, not from where it lives (the
    /// real-code issue: a library audited on itself listed nearly every call to its own code as broker or SQL I/O,
    /// and command builders and address parsers as I/O): the audited code's own methods, command builders, parsers
    /// and EF Core's change tracking are not I/O; blocking waits on tasks, console output and process waits are slow.
    /// </summary>
    public sealed class SlowCallsTests
    {
        private const string Source = """
using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using Npgsql;

namespace MassTransit.Internals
{
    public static class NewId
    {
        public static Guid Next() => Guid.NewGuid();
    }
}

public sealed class Calls
{
    public async Task Run(NpgsqlConnection connection, Process process, Task pending, Microsoft.EntityFrameworkCore.DbContext db,
        Confluent.Kafka.IConsumer<string, string> consumer, StackExchange.Redis.IConnectionMultiplexer redis)
    {
        var builder = new Confluent.Kafka.ProducerBuilder<string, string>(new Confluent.Kafka.ProducerConfig());
        builder.SetErrorHandler((_, _) => { });
        using var producer = builder.Build();
        producer.Flush(TimeSpan.FromSeconds(1));
        consumer.Pause(consumer.Assignment);
        consumer.Consume(TimeSpan.FromSeconds(1));
        var database = redis.GetDatabase();
        database.StringGet("k");
        await db.AddAsync(new object());
        db.ChangeTracker.Entries();
        var command = connection.CreateCommand();
        command.ExecuteNonQuery();
        IPAddress.TryParse("127.0.0.1", out _);
        Dns.GetHostAddresses("localhost");
        Console.WriteLine("x");
        process.WaitForExit();
        pending.GetAwaiter().GetResult();
        pending.Wait();
        db.Add(new object());
        db.SaveChanges();
        MassTransit.Internals.NewId.Next();
        await Task.Delay(1);
    }
}
""";

        [Fact]
        public async Task EachCall_IsClassifiedByWhatItDoes()
        {
            var project = ScratchProject.Create(Source);
            var compilation = (await project.GetCompilationAsync())!;
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var kinds = new Dictionary<string, string?>();
            foreach (var invocation in (await tree.GetRootAsync()).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method)
                {
                    kinds[method.ContainingType.Name + "." + method.Name] = SlowCalls.KindOf(method);
                }
            }

            Assert.Null(kinds["NpgsqlConnection.CreateCommand"]);
            Assert.Equal("SQL", kinds["NpgsqlCommand.ExecuteNonQuery"]);
            Assert.Null(kinds["IPAddress.TryParse"]);
            Assert.Equal("network", kinds["Dns.GetHostAddresses"]);
            Assert.Equal("console", kinds["Console.WriteLine"]);
            Assert.Equal("process", kinds["Process.WaitForExit"]);
            Assert.Equal("blocking wait", kinds["TaskAwaiter.GetResult"]);
            Assert.Equal("blocking wait", kinds["Task.Wait"]);
            Assert.Null(kinds["DbContext.Add"]);
            Assert.Null(kinds["DbContext.AddAsync"]);
            Assert.Null(kinds["ChangeTracker.Entries"]);
            Assert.Null(kinds["ProducerBuilder.SetErrorHandler"]);
            Assert.Null(kinds["ProducerBuilder.Build"]);
            Assert.Equal("broker", kinds["IProducer.Flush"]);
            Assert.Null(kinds["IConsumer.Pause"]);
            Assert.Equal("broker", kinds["IConsumer.Consume"]);
            Assert.Null(kinds["IConnectionMultiplexer.GetDatabase"]);
            Assert.Equal("Redis", kinds["IDatabase.StringGet"]);
            Assert.Equal("SQL", kinds["DbContext.SaveChanges"]);
            Assert.Null(kinds["NewId.Next"]);
            Assert.Equal("delay", kinds["Task.Delay"]);
        }

        [Fact]
        public async Task AMethodOfTheAuditedSolution_IsNotIoByItsNamespace()
        {
            var project = ScratchProject.Create(Source);
            var compilation = (await project.GetCompilationAsync())!;
            var execute = compilation.GetTypeByMetadataName("Npgsql.NpgsqlCommand")!.GetMembers("ExecuteNonQuery").OfType<IMethodSymbol>().First();

            Assert.Equal("SQL", SlowCalls.KindOf(execute));
            Assert.Null(SlowCalls.KindOf(execute, new HashSet<string> { execute.ContainingAssembly.Name }));
        }
    }
}
