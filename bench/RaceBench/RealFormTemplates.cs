namespace RaceBench
{
    /// <summary>
    /// Planted bugs and clean look-alikes in the forms real code takes (docs/real-bugs.md): the operation reached
    /// through <c>ConfigureAwait(false)</c>, an exit between the take and the try, the project's own wrappers and
    /// helpers, property getters, and both branches of a check. NAME is replaced by a unique class name.
    /// </summary>
    internal static class RealFormTemplates
    {
        /// <summary>Each bug's rule, how many diagnostics it gets (both writes a check decides, both edges of a cycle) and its code.</summary>
        public static readonly (string Id, int Reports, string Template)[] Bugs =
        {
            ("RACE002", 1, @"    public sealed class NAME
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public async Task FlushAsync(Stream log, CancellationToken ct)
        {
            try
            {
                await _gate.WaitAsync(ct).ConfigureAwait(false);
                await log.FlushAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
"),
            ("RACE002", 1, @"    public sealed class NAME
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly Dictionary<string, string> _cache = new Dictionary<string, string>();

        public async Task<string> GetAsync(string key, Func<string, Task<string>> load)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            try
            {
                var value = await load(key).ConfigureAwait(false);
                _cache[key] = value;
                return value;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
"),
            ("RACE006", 1, @"    public sealed class NAME
    {
        public void Start(IChannel channel, NpgsqlConnection db)
        {
            var acks = new AckingChannel(channel);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                await acks.AckAsync(ea.DeliveryTag).ConfigureAwait(false);
                await db.ExecuteAsync(""INSERT INTO orders (body) VALUES (@body)"", new { body }).ConfigureAwait(false);
            };
        }
    }
"),
            ("RACE009", 2, @"    public sealed class NAME
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _hits = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        public void Count(string page)
        {
            if (_hits.ContainsKey(page))
            {
                _hits[page] = _hits[page] + 1;
            }
            else
            {
                _hits[page] = 1;
            }
        }
    }
"),
            ("RACE011", 2, @"    public sealed class NAME
    {
        private readonly object _state = new object();
        private readonly object _peers = new object();
        private readonly List<string> _members = new List<string>();
        private bool _leader;

        public bool IsLeader
        {
            get { lock (_state) { return _leader; } }
        }

        public void Join(string peer)
        {
            lock (_peers)
            {
                if (IsLeader)
                {
                    _members.Add(peer);
                }
            }
        }

        public void Promote()
        {
            lock (_state)
            {
                lock (_peers)
                {
                    _leader = _members.Count > 0;
                }
            }
        }
    }
"),
        };

        public static readonly string[] Clean =
        {
            @"    public sealed class NAME
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly Dictionary<string, string> _cache = new Dictionary<string, string>();

        public async Task<string> GetAsync(string key, Func<string, Task<string>> load)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_cache.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                var value = await load(key).ConfigureAwait(false);
                _cache[key] = value;
                return value;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
",
            @"    public sealed class NAME
    {
        public void Start(IChannel channel, NpgsqlConnection db)
        {
            var acks = new AckingChannel(channel);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (sender, ea) =>
            {
                var body = System.Text.Encoding.UTF8.GetString(ea.Body.Span);
                await db.ExecuteAsync(""INSERT INTO orders (body) VALUES (@body)"", new { body }).ConfigureAwait(false);
                await acks.AckAsync(ea.DeliveryTag).ConfigureAwait(false);
            };
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _hits = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        public void Count(string page)
        {
            _hits.AddOrUpdate(page, 1, (_, hits) => hits + 1);
        }
    }
",
            @"    public sealed class NAME
    {
        private readonly object _state = new object();
        private readonly object _peers = new object();
        private readonly List<string> _members = new List<string>();
        private bool _leader;

        public bool IsLeader
        {
            get { lock (_state) { return _leader; } }
        }

        public void Join(string peer)
        {
            if (IsLeader)
            {
                lock (_peers)
                {
                    _members.Add(peer);
                }
            }
        }

        public void Promote()
        {
            lock (_state)
            {
                lock (_peers)
                {
                    _leader = _members.Count > 0;
                }
            }
        }
    }
",
        };
    }
}
