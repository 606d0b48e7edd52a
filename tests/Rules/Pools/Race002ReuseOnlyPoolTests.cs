using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002 and in-house pools that make a new object when empty: one of plain objects (an ObjectPool clone,
    /// a pool of token sources) only saves allocations, so an object lost to an exception costs a reuse; one of
    /// connections or channels still leaks what it loses, and a pool that never makes one runs dry.
    /// </summary>
    public sealed class Race002ReuseOnlyPoolTests
    {
        private const string Pools = """
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

public interface IPooledPolicy<T> { T Create(); bool Return(T item); }

public sealed class LeanPool<T> where T : class
{
    private readonly ConcurrentBag<T> _items = new ConcurrentBag<T>();
    private readonly IPooledPolicy<T> _policy;
    public LeanPool(IPooledPolicy<T> policy) => _policy = policy;
    public T Get() => _items.TryTake(out var item) ? item : _policy.Create();
    public void Return(T item) { if (_policy.Return(item)) _items.Add(item); }
}

public sealed class TokenSourcePool
{
    private readonly ConcurrentQueue<CancellationTokenSource> _idle = new ConcurrentQueue<CancellationTokenSource>();
    public CancellationTokenSource Rent()
    {
        if (_idle.TryDequeue(out var source))
        {
            return source;
        }

        return new CancellationTokenSource();
    }

    public void Return(CancellationTokenSource source) => _idle.Enqueue(source);
}

public sealed class BrokerChannel { public void Publish(string body) { } }

public sealed class ChannelPool
{
    private readonly ConcurrentBag<BrokerChannel> _idle = new ConcurrentBag<BrokerChannel>();
    public BrokerChannel Get() => _idle.TryTake(out var channel) ? channel : new BrokerChannel();
    public void Return(BrokerChannel channel) => _idle.Add(channel);
}

public sealed class FixedChannelPool
{
    private readonly BlockingCollection<BrokerChannel> _idle = new BlockingCollection<BrokerChannel>();
    public BrokerChannel Get() => _idle.Take();
    public void Return(BrokerChannel channel) => _idle.Add(channel);
}

public sealed class Worker
{
    private readonly LeanPool<System.Text.StringBuilder> _builders;
    private readonly TokenSourcePool _sources = new TokenSourcePool();
    private readonly ChannelPool _channels = new ChannelPool();
    private readonly FixedChannelPool _fixedChannels = new FixedChannelPool();
    private readonly Func<string, Task> _process;

    public Worker(LeanPool<System.Text.StringBuilder> builders, Func<string, Task> process)
    {
        _builders = builders;
        _process = process;
    }

""";

        [Fact]
        public async Task PoolsOfPlainObjectsThatFallBackToNew_AreClean()
        {
            await Verify.VerifyAnalyzerAsync(Pools + """
    public async Task<string> DescribeAsync(string body)
    {
        var builder = _builders.Get();
        builder.Append(body);
        await _process(body);
        var text = builder.ToString();
        _builders.Return(builder);
        return text;
    }

    public async Task RunAsync(string body)
    {
        var source = _sources.Rent();
        await _process(body);
        _sources.Return(source);
    }
}
""");
        }

        [Fact]
        public async Task PoolsOfChannels_LeakOnException_WhetherOrNotTheyFallBackToNew()
        {
            await Verify.VerifyAnalyzerAsync(Pools + """
    public async Task PublishAsync(string body)
    {
        var channel = _channels.Get();
        await _process(body);
        channel.Publish(body);
        {|RACE002:_channels.Return(channel)|};
    }

    public async Task PublishFixedAsync(string body)
    {
        var channel = _fixedChannels.Get();
        await _process(body);
        channel.Publish(body);
        {|RACE002:_fixedChannels.Return(channel)|};
    }
}
""");
        }

        /// <summary>A pool whose take never makes a new object here (its items are added elsewhere) can be named as reuse-only.</summary>
        private const string PoolOfBuilders = """
namespace Acme.Text
{
    public sealed class BuilderPool
    {
        private readonly System.Collections.Concurrent.BlockingCollection<System.Text.StringBuilder> _idle = new();
        public System.Text.StringBuilder Get() => _idle.Take();
        public void Return(System.Text.StringBuilder builder) => _idle.Add(builder.Clear());
    }
}

public sealed class Formatter
{
    private readonly Acme.Text.BuilderPool _builders = new Acme.Text.BuilderPool();
    private readonly System.Func<string, System.Threading.Tasks.Task> _process = _ => System.Threading.Tasks.Task.CompletedTask;

    public async System.Threading.Tasks.Task<string> FormatAsync(string body)
    {
        var builder = _builders.Get();
        builder.Append(body);
        await _process(body);
        var text = builder.ToString();
        RETURN;
        return text;
    }
}
""";

        [Fact]
        public async Task PoolNamedReuseOnlyInConfiguration_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(
                PoolOfBuilders.Replace("RETURN", "_builders.Return(builder)"),
                "race_analyzers.reuse_only_pools = Acme.Text.BuilderPool\n");
        }

        [Fact]
        public async Task SamePoolNotNamed_OrAnotherNamed_LeaksOnException()
        {
            await Verify.VerifyAnalyzerAsync(
                PoolOfBuilders.Replace("RETURN", "{|RACE002:_builders.Return(builder)|}"),
                "race_analyzers.reuse_only_pools = Acme.Text.OtherPool\n",
                Verify.Diagnostic("RACE000").WithArguments("'race_analyzers.reuse_only_pools': 'Acme.Text.OtherPool' names no type of the compilation; the setting is ignored."));
        }

        [Fact]
        public async Task ReuseOnlyPool_UseAfterReturn_IsStillFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Pools + """
    public string Describe(string body)
    {
        var builder = _builders.Get();
        builder.Append(body);
        {|RACE001:_builders.Return(builder)|};
        return builder.ToString();
    }
}
""");
        }
    }
}
