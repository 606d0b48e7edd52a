namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>Consumers of the inventory case study, on Confluent.Kafka, RabbitMQ.Client, Dapper and Npgsql's real APIs.</summary>
    internal static class DeliveryCode
    {
        public const string Usings = """
using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Microsoft.Extensions.Logging;

""";

        /// <summary>A Kafka consumer class with a loop whose body is <paramref name="loopBody"/> (the consume result is <c>result</c>).</summary>
        public static string KafkaLoop(string loopBody, string members = "") => Usings + """

public sealed class InventoryConsumer
{
    private readonly IConsumer<string, string> _consumer;
    private readonly IProducer<string, string> _producer;
    private readonly NpgsqlConnection _db;
    private readonly ILogger _logger;

    public InventoryConsumer(IConsumer<string, string> consumer, IProducer<string, string> producer, NpgsqlConnection db, ILogger logger)
    {
        _consumer = consumer;
        _producer = producer;
        _db = db;
        _logger = logger;
    }

""" + members + """

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var result = _consumer.Consume(ct);

""" + loopBody + """

        }
    }

    private Task<int> ApplyAsync(string sku, int delta)
        => _db.ExecuteAsync("UPDATE products SET stock = stock + @delta WHERE sku = @sku", new { sku, delta });
}

""";
    }
}
