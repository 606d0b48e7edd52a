using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.InMemory.ConcurrentDictionaryAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.InMemory
{
    /// <summary>
    /// A check and its write inside one exclusive section are not a race, whatever takes the lock: an async-lock
    /// library's releaser in a <c>using</c> block or declaration, <c>Lock.EnterScope()</c>, or a semaphore given
    /// back in a <c>finally</c> (the double-checked cache of an open-source RabbitMQ client). A <c>using</c> over
    /// something that is not a lock, a reader lock, a read outside the section and a <c>finally</c> that gives no
    /// lock back still are.
    /// </summary>
    public sealed class Race009ExclusiveSectionTests
    {
        private static string Source(string body) => """
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

public sealed class Releaser : IDisposable
{
    public void Dispose()
    {
    }
}

public sealed class AsyncLock
{
    public Task<Releaser> AcquireAsync() => Task.FromResult(new Releaser());
    public Task<Releaser> LockAsync() => Task.FromResult(new Releaser());
}

public sealed class AsyncReaderWriterLock
{
    public Task<Releaser> ReaderLockAsync() => Task.FromResult(new Releaser());
}

public sealed class Scopes
{
    public Releaser Create() => new Releaser();
}

public sealed class ChannelCache
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _channels = new();
    private readonly AsyncLock _mutex = new();
    private readonly AsyncReaderWriterLock _rw = new();
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Scopes _scopes = new();

    public async Task<SemaphoreSlim> OpenAsync(string key)
    {
        SemaphoreSlim? channel;

""" + body + """

        await Task.Yield();
        return _channels[key];
    }
}
""";

        private const string CheckThenAct = """
        if (!_channels.TryGetValue(key, out channel))
        {
            channel = new SemaphoreSlim(1, 1);
            _channels[key] = channel;
        }
""";

        private const string Flagged = """
        if (!_channels.TryGetValue(key, out channel))
        {
            channel = new SemaphoreSlim(1, 1);
            {|RACE009:_channels[key] = channel|};
        }
""";

        [Theory]
        [InlineData("using (await _mutex.AcquireAsync())\n        {\nCHECK        }")]
        [InlineData("using var held = await _mutex.LockAsync();\nCHECK")]
        [InlineData("await _semaphore.WaitAsync();\n        try\n        {\nCHECK        }\n        finally\n        {\n            _semaphore.Release();\n        }")]
        [InlineData("using (_lock.EnterScope())\n        {\nCHECK        }")]
        public async Task CheckAndWriteInOneExclusiveSection_AreClean(string section)
        {
            await Verify.VerifyAnalyzerAsync(Source(section.Replace("CHECK", CheckThenAct)));
        }

        [Theory]
        [InlineData("using (_scopes.Create())\n        {\nCHECK        }")]
        [InlineData("using (await _rw.ReaderLockAsync())\n        {\nCHECK        }")]
        [InlineData("try\n        {\nCHECK        }\n        finally\n        {\n            Console.WriteLine(key);\n        }")]
        public async Task SectionsThatExcludeNoWriter_AreStillFlagged(string section)
        {
            await Verify.VerifyAnalyzerAsync(Source(section.Replace("CHECK", Flagged)));
        }

        [Fact]
        public async Task ReadOutsideTheSection_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Source("""
        if (!_channels.TryGetValue(key, out channel))
        {
            channel = new SemaphoreSlim(1, 1);
            using (await _mutex.AcquireAsync())
            {
                {|RACE009:_channels[key] = channel|};
            }
        }
"""));
        }
    }
}
