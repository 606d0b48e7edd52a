using System.Text;

namespace RaceBench
{
    /// <summary>The generated code base's pieces. NAME is replaced by a unique class name.</summary>
    internal static class Templates
    {
        public const string Project = @"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>$(NoWarn);NU1603;CS1998;CS0168;CS0219;CS8321</NoWarn>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""Dapper"" Version=""2.1.66"" />
    <PackageReference Include=""Npgsql"" Version=""9.0.3"" />
    <PackageReference Include=""RabbitMQ.Client"" Version=""7.1.2"" />
    <PackageReference Include=""Microsoft.Extensions.ObjectPool"" Version=""9.0.7"" />
    <PackageDownload Include=""StackExchange.Redis"" Version=""[2.13.23]"" />
    <Reference Include=""$(NuGetPackageRoot)stackexchange.redis/2.13.23/lib/net8.0/StackExchange.Redis.dll"" />
    <PackageDownload Include=""Confluent.Kafka"" Version=""[2.15.1]"" />
    <Reference Include=""$(NuGetPackageRoot)confluent.kafka/2.15.1/lib/net8.0/Confluent.Kafka.dll"" />
  </ItemGroup>
  <ItemGroup Condition=""'$(RaceAnalyzersPath)' != ''"">
    <Analyzer Include=""$(RaceAnalyzersPath)"" />
  </ItemGroup>
</Project>
";

        public const string Usings = @"using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.ObjectPool;
using Npgsql;
using StackExchange.Redis;
using Generated.Shared;

";

        public const string Shared = @"using System;
namespace Generated.Shared
{
    public sealed class Connection { public void Send(byte[] payload) { } public string Id => ""c""; }
    public sealed class ConnectionPool { public Connection GetConnection() => new Connection(); public void ReturnConnection(Connection c) { } }
    public sealed class Message { public string Id => ""m""; public void Acknowledge() { } public void Nack() { } }
    public interface IMessageHandler { void Process(Message message); }
    public static class Services
    {
        public static readonly ConnectionPool Pool = new ConnectionPool();
        public static readonly System.Threading.SemaphoreSlim Gate = new System.Threading.SemaphoreSlim(4);
    }
}
";

        /// <summary>Clean code: each API family used correctly, and plain business logic with call chains.</summary>
        public static readonly string[] Clean =
        {
            @"    public sealed class NAME
    {
        public int Sum(Stream stream)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                var read = stream.Read(buffer, 0, buffer.Length);
                var total = 0;
                for (var i = 0; i < read; i++)
                {
                    total += buffer[i];
                }

                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
".Replace("Stream stream", "System.IO.Stream stream"),
            @"    public sealed class NAME
    {
        private readonly IMessageHandler _handler;
        public NAME(IMessageHandler handler) => _handler = handler;

        public async Task HandleAsync(Message msg, CancellationToken ct)
        {
            await Services.Gate.WaitAsync(ct);
            try
            {
                var conn = Services.Pool.GetConnection();
                try
                {
                    _handler.Process(msg);
                    msg.Acknowledge();
                }
                finally
                {
                    Services.Pool.ReturnConnection(conn);
                }
            }
            finally
            {
                Services.Gate.Release();
            }
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly IDatabase _db;
        private readonly ISubscriber _subscriber;
        public NAME(IDatabase db, ISubscriber subscriber) { _db = db; _subscriber = subscriber; }

        public async Task OpenAsync(string room, Action<RedisValue> send)
        {
            await _subscriber.SubscribeAsync(RedisChannel.Literal(""live:"" + room), (_, m) => send(m));
            foreach (var item in await LoadAsync(room))
            {
                send(item);
            }
        }

        private Task<RedisValue[]> LoadAsync(string room) => _db.ListRangeAsync(""history:"" + room);
    }
",
            @"    public sealed class NAME
    {
        private readonly NpgsqlConnection _db;
        public NAME(NpgsqlConnection db) => _db = db;

        public async Task<int> ApplyAsync(string sku, int delta, string eventId)
        {
            var claimed = await _db.ExecuteAsync(""INSERT INTO processed_events (event_id) VALUES (@eventId) ON CONFLICT (event_id) DO NOTHING"", new { eventId });
            if (claimed == 0)
            {
                return 0;
            }

            return await _db.ExecuteAsync(""UPDATE products SET stock = stock + @delta WHERE sku = @sku"", new { sku, delta });
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly IConsumer<string, string> _consumer;
        private readonly NpgsqlConnection _db;
        public NAME(IConsumer<string, string> consumer, NpgsqlConnection db) { _consumer = consumer; _db = db; }

        public async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = _consumer.Consume(ct);
                await SaveAsync(result.Message.Key, result.Message.Value);
                _consumer.Commit(result);
            }
        }

        private Task<int> SaveAsync(string key, string value)
            => _db.ExecuteAsync(""INSERT INTO events (k, v) VALUES (@key, @value)"", new { key, value });
    }
",
            @"    public sealed class NAME
    {
        private readonly Dictionary<string, decimal> _prices = new Dictionary<string, decimal>();

        public decimal Quote(IEnumerable<(string Sku, int Quantity)> lines, string currency)
        {
            var total = lines.Where(l => l.Quantity > 0).Sum(l => PriceOf(l.Sku) * l.Quantity);
            return Round(Convert(total, currency));
        }

        private decimal PriceOf(string sku) => _prices.TryGetValue(sku, out var price) ? price : Fallback(sku);
        private decimal Fallback(string sku) => sku.Length * 1.5m;
        private decimal Convert(decimal amount, string currency) => currency == ""EUR"" ? amount * 0.9m : amount;
        private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

        public string Describe(int count)
        {
            var parts = new List<string>();
            for (var i = 0; i < count; i++)
            {
                parts.Add(i % 3 == 0 ? ""fizz"" : i.ToString());
            }

            return string.Join("","", parts);
        }
    }
",
        };

        /// <summary>One bug per rule, each flagged exactly once.</summary>
        public static readonly (string Id, string Template)[] Bugs =
        {
            ("RACE001", @"    public sealed class NAME
    {
        public void Handle(IMessageHandler handler, Message msg)
        {
            var conn = Services.Pool.GetConnection();
            try
            {
                handler.Process(msg);
                Services.Pool.ReturnConnection(conn);
                msg.Acknowledge();
            }
            catch (Exception)
            {
                msg.Nack();
                throw;
            }
        }
    }
"),
            ("RACE002", @"    public sealed class NAME
    {
        public async Task HandleAsync(IMessageHandler handler, Message msg, CancellationToken ct)
        {
            await Services.Gate.WaitAsync(ct);
            handler.Process(msg);
            Services.Gate.Release();
        }
    }
"),
            ("RACE003", @"    public sealed class NAME
    {
        private readonly IDatabase _db;
        private readonly ISubscriber _subscriber;
        public NAME(IDatabase db, ISubscriber subscriber) { _db = db; _subscriber = subscriber; }

        public async Task OpenAsync(string room, Action<RedisValue> send)
        {
            await SendHistoryAsync(room, send);
            await FollowAsync(room, send);
        }

        private async Task SendHistoryAsync(string room, Action<RedisValue> send)
        {
            foreach (var item in await _db.ListRangeAsync(""history:"" + room))
            {
                send(item);
            }
        }

        private Task FollowAsync(string room, Action<RedisValue> send)
            => _subscriber.SubscribeAsync(RedisChannel.Literal(""live:"" + room), (_, m) => send(m));
    }
"),
            ("RACE004", @"    public sealed class NAME
    {
        public async Task ApplyAsync(NpgsqlConnection db, string sku, int delta)
        {
            var stock = await db.QuerySingleAsync<int>(""SELECT stock FROM products WHERE sku = @sku"", new { sku });
            var updated = stock + delta;
            await db.ExecuteAsync(""UPDATE products SET stock = @updated WHERE sku = @sku"", new { updated, sku });
        }
    }
"),
            ("RACE005", @"    public sealed class NAME
    {
        public async Task ApplyAsync(NpgsqlConnection db, string eventId)
        {
            var seen = await db.ExecuteScalarAsync<int>(""SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId"", new { eventId });
            if (seen > 0)
            {
                return;
            }

            await db.ExecuteAsync(""INSERT INTO processed_events (event_id) VALUES (@eventId)"", new { eventId });
        }
    }
"),
            ("RACE006", @"    public sealed class NAME
    {
        public async Task RunAsync(IConsumer<string, string> consumer, NpgsqlConnection db, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = consumer.Consume(ct);
                consumer.Commit(result);
                await db.ExecuteAsync(""INSERT INTO events (k) VALUES (@k)"", new { k = result.Message.Key });
            }
        }
    }
"),
            ("RACE007", @"    public sealed class NAME
    {
        public async Task RunAsync(IConsumer<string, string> consumer, NpgsqlConnection db, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var result = consumer.Consume(ct);
                try
                {
                    await db.ExecuteAsync(""INSERT INTO events (k) VALUES (@k)"", new { k = result.Message.Key });
                }
                finally
                {
                    consumer.Commit(result);
                }
            }
        }
    }
"),
        };

        /// <summary>A clean method of <paramref name="statements"/> statements mixing pool use and plain logic.</summary>
        public static string LongMethod(string name, int statements)
        {
            var body = new StringBuilder();
            body.Append("            var buffer = ArrayPool<byte>.Shared.Rent(64);\n            try\n            {\n                var total = 0;\n");
            for (var i = 0; i < statements; i++)
            {
                body.Append(i % 4 == 0
                    ? $"                if (total > {i}) {{ total -= buffer[{i % 64}]; }} else {{ total += {i}; }}\n"
                    : $"                total += buffer[{i % 64}] * {i % 7 + 1};\n");
            }

            body.Append("                return total;\n            }\n            finally\n            {\n                ArrayPool<byte>.Shared.Return(buffer);\n            }\n");
            return "    public sealed class " + name + "\n    {\n        public int Compute()\n        {\n" + body + "        }\n    }\n";
        }
    }
}
