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
    <PackageReference Include=""Microsoft.EntityFrameworkCore"" Version=""9.0.5"" />
    <PackageDownload Include=""StackExchange.Redis"" Version=""[2.13.23]"" />
    <Reference Include=""$(NuGetPackageRoot)stackexchange.redis/2.13.23/lib/net8.0/StackExchange.Redis.dll"" />
    <PackageDownload Include=""Confluent.Kafka"" Version=""[2.15.1]"" />
    <Reference Include=""$(NuGetPackageRoot)confluent.kafka/2.15.1/lib/net8.0/Confluent.Kafka.dll"" />
  </ItemGroup>
  <ItemGroup Condition=""'$(RaceAnalyzersPath)' != ''"">
    <Analyzer Include=""$(RaceAnalyzersPath)"" />
  </ItemGroup>
  <ItemGroup Condition=""'$(RaceAnalyzersVersion)' != ''"">
    <PackageReference Include=""RaceAnalyzers"" Version=""$(RaceAnalyzersVersion)"" PrivateAssets=""all"" />
  </ItemGroup>
  <ItemGroup Condition=""'$(RaceOnlyConfig)' != ''"">
    <GlobalAnalyzerConfigFiles Include=""$(RaceOnlyConfig)"" />
  </ItemGroup>
</Project>
";

        public const string Usings = @"using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.ObjectPool;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using StackExchange.Redis;
using Generated.Shared;

";

        public const string Shared = @"using System;
namespace Generated.Shared
{
    public sealed class Connection { public void Send(byte[] payload) { } public string Id => ""c""; }
    public sealed class ConnectionPool { public Connection GetConnection() => new Connection(); public void ReturnConnection(Connection c) { } }
    public sealed class StockItem { public int Id { get; set; } public string Sku { get; set; } public int Stock { get; set; } }
    public sealed class StockContext : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<StockItem> Items => Set<StockItem>(); }
    public sealed class Message { public string Id => ""m""; public void Acknowledge() { } public void Nack() { } }
    public sealed class AckingChannel
    {
        private readonly RabbitMQ.Client.IChannel _channel;
        public AckingChannel(RabbitMQ.Client.IChannel channel) { _channel = channel; }
        public System.Threading.Tasks.Task AckAsync(ulong deliveryTag) => _channel.BasicAckAsync(deliveryTag, multiple: false).AsTask();
    }
    public interface IMessageHandler { void Process(Message message); }
    public static class Services
    {
        public static readonly ConnectionPool Pool = new ConnectionPool();
        public static readonly System.Threading.SemaphoreSlim Gate = new System.Threading.SemaphoreSlim(4);
    }
}
";

        /// <summary>Clean code that uses the APIs the rules know, each family used correctly.</summary>
        public static readonly string[] ApiClean =
        {
            @"    public sealed class NAME
    {
        private readonly object _books = new object();
        private readonly object _ledger = new object();
        private readonly SemaphoreSlim _flush = new SemaphoreSlim(1, 1);
        private readonly ReaderWriterLockSlim _index = new ReaderWriterLockSlim();
        private int _entries;

        public void Post(int amount)
        {
            lock (_books)
            {
                lock (_ledger)
                {
                    _entries += amount;
                }
            }
        }

        public int Balance()
        {
            lock (_books)
            {
                lock (_ledger)
                {
                    return _entries;
                }
            }
        }

        public async Task FlushAsync(Stream log, CancellationToken ct)
        {
            await _flush.WaitAsync(ct);
            try
            {
                await log.FlushAsync(ct);
            }
            finally
            {
                _flush.Release();
            }
        }

        public int Lookup()
        {
            _index.EnterReadLock();
            try
            {
                return _entries;
            }
            finally
            {
                _index.ExitReadLock();
            }
        }

        public void Reindex()
        {
            _index.EnterUpgradeableReadLock();
            try
            {
                _index.EnterWriteLock();
                try
                {
                    _entries = 0;
                }
                finally
                {
                    _index.ExitWriteLock();
                }
            }
            finally
            {
                _index.ExitUpgradeableReadLock();
            }
        }
    }
",
            @"    public sealed class NAME
    {
        public sealed class Account
        {
            public int Id { get; set; }
            public readonly object Sync = new object();
            public decimal Balance { get; set; }
        }

        private readonly object _audit = new object();
        private int _transfers;

        public void Transfer(Account from, Account to, decimal amount)
        {
            var first = from.Id < to.Id ? from : to;
            var second = first == from ? to : from;
            lock (first.Sync)
            {
                lock (second.Sync)
                {
                    from.Balance -= amount;
                    to.Balance += amount;
                }
            }

            Monitor.Enter(_audit);
            try
            {
                _transfers++;
            }
            finally
            {
                Monitor.Exit(_audit);
            }
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly ObjectPool<System.Text.StringBuilder> _builders;
        public NAME(ObjectPool<System.Text.StringBuilder> builders) => _builders = builders;

        public string Render(IEnumerable<string> words)
        {
            var builder = _builders.Get();
            try
            {
                foreach (var word in words)
                {
                    builder.Append(word).Append(' ');
                }

                return builder.ToString();
            }
            finally
            {
                _builders.Return(builder);
            }
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly NpgsqlConnection _db;
        public NAME(NpgsqlConnection db) => _db = db;

        public void Start(IChannel channel)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                await StoreAsync(body);
                await channel.BasicAckAsync(ea.DeliveryTag, multiple: false);
            };
        }

        private Task<int> StoreAsync(string body) => _db.ExecuteAsync(""INSERT INTO orders (body) VALUES (@body)"", new { body });
    }
",
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
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _locks = new System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim>();

        public int Count(string key) => _counts.AddOrUpdate(key, 1, (_, current) => current + 1);

        public SemaphoreSlim LockFor(string key) => _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

        public bool Seen(string key) => _counts.TryGetValue(key, out var n) && n > 0;
    }
",
            @"    public sealed class NAME
    {
        public async Task StartAsync(IChannel channel, NpgsqlConnection db)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                try
                {
                    var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                    await db.ExecuteAsync(""INSERT INTO audit (body) VALUES (@body)"", new { body });
                    await channel.BasicAckAsync(ea.DeliveryTag, multiple: false);
                }
                catch
                {
                    await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true);
                }
            };
            await channel.BasicConsumeAsync(""audit"", autoAck: false, consumer: consumer);
        }
    }
",
            @"    public sealed class NAME
    {
        public async Task RunAsync(NpgsqlConnection db, CancellationToken ct)
        {
            var config = new ConsumerConfig { GroupId = ""audit"", EnableAutoOffsetStore = false };
            using var consumer = new ConsumerBuilder<string, string>(config).Build();
            while (!ct.IsCancellationRequested)
            {
                var result = consumer.Consume(ct);
                await db.ExecuteAsync(""INSERT INTO audit (body) VALUES (@body)"", new { body = result.Message.Value });
                consumer.StoreOffset(result);
            }
        }
    }
",
            @"    public sealed class NAME
    {
        public async Task<bool> ReserveAsync(StockContext db, string sku, int qty)
        {
            var updated = await db.Items.Where(i => i.Sku == sku && i.Stock >= qty).ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock - qty));
            return updated > 0;
        }

        public async Task RenameAsync(StockContext db, int id, string sku)
        {
            var item = await db.Items.SingleAsync(i => i.Id == id);
            item.Sku = sku;
            await db.SaveChangesAsync();
        }
    }
",
        };

        /// <summary>
        /// Plain business logic with call chains: records, validation, mapping, pricing, orchestration through
        /// interfaces. Most of a real service looks like this and calls nothing the rules know.
        /// </summary>
        public static readonly string[] Plain =
        {
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
            @"    public sealed record NAMERequest(string CustomerId, string Sku, int Quantity, string Currency);

    public sealed record NAMEResult(bool Accepted, decimal Total, IReadOnlyList<string> Errors);

    public sealed class NAME
    {
        private readonly IReadOnlyDictionary<string, decimal> _catalog;
        public NAME(IReadOnlyDictionary<string, decimal> catalog) => _catalog = catalog;

        public NAMEResult Handle(NAMERequest request)
        {
            var errors = Validate(request);
            if (errors.Count > 0)
            {
                return new NAMEResult(false, 0m, errors);
            }

            var total = Discount(request.CustomerId, Price(request.Sku) * request.Quantity);
            return new NAMEResult(true, Convert(total, request.Currency), errors);
        }

        private List<string> Validate(NAMERequest request)
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(request.CustomerId)) errors.Add(""customer missing"");
            if (request.Quantity <= 0) errors.Add(""quantity must be positive"");
            if (!_catalog.ContainsKey(request.Sku)) errors.Add(""unknown sku "" + request.Sku);
            return errors;
        }

        private decimal Price(string sku) => _catalog.TryGetValue(sku, out var price) ? price : 0m;
        private static decimal Discount(string customerId, decimal amount) => customerId.StartsWith(""vip"", StringComparison.Ordinal) ? amount * 0.95m : amount;
        private static decimal Convert(decimal amount, string currency) => currency switch { ""EUR"" => amount * 0.9m, ""GBP"" => amount * 0.8m, _ => amount };
    }
",
            @"    public interface INAMERepository
    {
        Task<IReadOnlyList<(string Id, DateTime Due, decimal Amount)>> OpenInvoicesAsync(string customerId, CancellationToken ct);
        Task MarkOverdueAsync(string id, CancellationToken ct);
    }

    public sealed class NAME
    {
        private readonly INAMERepository _repository;
        private readonly Func<DateTime> _clock;
        public NAME(INAMERepository repository, Func<DateTime> clock) { _repository = repository; _clock = clock; }

        public async Task<int> SweepAsync(IEnumerable<string> customers, CancellationToken ct)
        {
            var marked = 0;
            foreach (var customer in customers)
            {
                var invoices = await _repository.OpenInvoicesAsync(customer, ct);
                foreach (var invoice in invoices.Where(i => IsOverdue(i.Due)).OrderBy(i => i.Due))
                {
                    await _repository.MarkOverdueAsync(invoice.Id, ct);
                    marked++;
                }
            }

            return marked;
        }

        private bool IsOverdue(DateTime due) => _clock() - due > TimeSpan.FromDays(30);
    }
",
            @"    public sealed class NAME
    {
        public sealed class Line { public string Sku { get; set; } public int Quantity { get; set; } public decimal Price { get; set; } }
        public sealed class Dto { public string Sku { get; set; } public string Quantity { get; set; } public string Amount { get; set; } }

        public List<Dto> Map(IEnumerable<Line> lines)
        {
            var result = new List<Dto>();
            foreach (var line in lines)
            {
                result.Add(new Dto { Sku = Normalize(line.Sku), Quantity = line.Quantity.ToString(), Amount = Format(line.Price * line.Quantity) });
            }

            return result;
        }

        public Dictionary<string, int> CountBySku(IEnumerable<Line> lines)
            => lines.GroupBy(l => Normalize(l.Sku)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

        private static string Normalize(string sku) => (sku ?? string.Empty).Trim().ToUpperInvariant();
        private static string Format(decimal amount) => amount.ToString(""0.00"", System.Globalization.CultureInfo.InvariantCulture);
    }
",
            @"    public sealed class NAME
    {
        private readonly Dictionary<string, (int Attempts, DateTime Until)> _state = new Dictionary<string, (int, DateTime)>();

        public bool Allow(string key, DateTime now)
        {
            if (_state.TryGetValue(key, out var entry) && entry.Until > now)
            {
                return false;
            }

            return true;
        }

        public void Fail(string key, DateTime now)
        {
            var attempts = _state.TryGetValue(key, out var entry) ? entry.Attempts + 1 : 1;
            _state[key] = (attempts, now + Backoff(attempts));
        }

        public void Succeed(string key) => _state.Remove(key);

        private static TimeSpan Backoff(int attempts) => TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, attempts)));
    }
"
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
            ("RACE006", @"    public sealed class NAME
    {
        public void Start(IChannel channel, NpgsqlConnection db)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                await channel.BasicAckAsync(ea.DeliveryTag, multiple: false);
                await db.ExecuteAsync(""INSERT INTO orders (body) VALUES (@body)"", new { body });
            };
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
            ("RACE008", @"    public sealed class NAME
    {
        public async Task<bool> ReserveAsync(StockContext db, string sku, int qty)
        {
            var item = await db.Items.SingleAsync(i => i.Sku == sku);
            if (item.Stock < qty)
            {
                return false;
            }

            item.Stock -= qty;
            await db.SaveChangesAsync();
            return true;
        }
    }
"),
            ("RACE009", @"    public sealed class NAME
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reserved = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        public void Reserve(string sku, int quantity)
        {
            _reserved[sku] = _reserved.GetValueOrDefault(sku) + quantity;
        }
    }
"),
            ("RACE010", @"    public sealed class NAME
    {
        public async Task RunAsync(NpgsqlConnection db, CancellationToken ct)
        {
            var config = new ConsumerConfig { GroupId = ""audit"" };
            using var consumer = new ConsumerBuilder<string, string>(config).Build();
            while (!ct.IsCancellationRequested)
            {
                var result = consumer.Consume(ct);
                await db.ExecuteAsync(""INSERT INTO audit (body) VALUES (@body)"", new { body = result.Message.Value });
            }
        }
    }
"),
            ("RACE010", @"    public sealed class NAME
    {
        public async Task StartAsync(IChannel channel, NpgsqlConnection db)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                await db.ExecuteAsync(""INSERT INTO audit (body) VALUES (@body)"", new { body });
            };
            await channel.BasicConsumeAsync(""audit"", autoAck: true, consumer: consumer);
        }
    }
"),
            ("RACE011", @"    public sealed class NAME
    {
        public sealed class Account
        {
            public readonly object Sync = new object();
            public decimal Balance { get; set; }
        }

        public void Transfer(Account from, Account to, decimal amount)
        {
            lock (from.Sync)
            {
                lock (to.Sync)
                {
                    from.Balance -= amount;
                    to.Balance += amount;
                }
            }
        }
    }
"),
            ("RACE012", @"    public sealed class NAME
    {
        private readonly object _gate = new object();
        private int _written;

        public async Task AppendAsync(Stream log, byte[] entry, CancellationToken ct)
        {
            Monitor.Enter(_gate);
            try
            {
                await log.WriteAsync(entry, ct);
                _written++;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }
"),
            ("RACE013", @"    public sealed class NAME
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public async Task RefreshAsync(Stream log, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                await SaveAsync(log, ct);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task SaveAsync(Stream log, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                await log.FlushAsync(ct);
            }
            finally
            {
                _gate.Release();
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
