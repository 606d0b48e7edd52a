using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002 and helpers written to fail quietly (Silverback's <c>SafelyRelease</c>: a try whose catches take what the
    /// wrapped call throws) and cancellation signals (they throw only when a callback does): they do not skip the
    /// release, and the operation named is the one that can; a helper that rethrows still can.
    /// </summary>
    public sealed class Race002QuietHelperTests
    {
        private const string Stream = """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class MessageStream
{
    private readonly SemaphoreSlim _write = new SemaphoreSlim(1, 1);
    private readonly SemaphoreSlim _read = new SemaphoreSlim(0, 1);
    private readonly SemaphoreSlim _processed = new SemaphoreSlim(0, 1);
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    private object? _current;

    private static void SafelyRelease(SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    private static void QuietlyRelease(SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch
        {
        }
    }

    private void ProcessOrTimeOut()
    {
        try
        {
            _current = _current ?? throw new InvalidOperationException();
            Console.WriteLine(_current);
        }
        catch (TimeoutException)
        {
        }
    }

    private static void ReleaseOrLog(SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            throw;
        }
    }

""";

        [Fact]
        public async Task LikelierFailureAfterAQuietHelper_IsTheOneNamed()
        {
            await Verify.VerifyAnalyzerAsync(Stream + """
    public async Task PushAsync(object message, CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        _current = message;
        SafelyRelease(_read);
        {|#1:await _processed.WaitAsync(ct)|};
        _current = null;
        {|#0:_write.Release()|};
    }
}
""", null, Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments("_write", "_write.Release()", "await _processed.WaitAsync(ct)", "64"));
        }

        [Theory]
        [InlineData("SafelyRelease(_read);")]
        [InlineData("QuietlyRelease(_read);")]
        [InlineData("_cancellation.Cancel();")]
        [InlineData("await _cancellation.CancelAsync();")]
        public async Task QuietHelpersAndCancellationSignals_CannotSkipTheRelease(string call)
        {
            await Verify.VerifyAnalyzerAsync(Stream + $$"""
    public async Task CompleteAsync(CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        {{call}}
        _write.Release();
    }
}
""");
        }

        [Fact]
        public async Task HelperCatchingOneTypeAroundOtherWork_CanSkipTheRelease()
        {
            await Verify.VerifyAnalyzerAsync(Stream + """
    public async Task PushAsync(object message, CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        {|#1:ProcessOrTimeOut()|};
        {|#0:_write.Release()|};
    }
}
""", null, Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments("_write", "_write.Release()", "ProcessOrTimeOut()", "62"));
        }

        [Fact]
        public async Task HelperThatRethrows_CanSkipTheRelease()
        {
            await Verify.VerifyAnalyzerAsync(Stream + """
    public async Task PushAsync(object message, CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        _current = message;
        {|#1:ReleaseOrLog(_read)|};
        {|#0:_write.Release()|};
    }
}
""", null, Verify.Diagnostic("RACE002").WithLocation(0).WithLocation(1).WithArguments("_write", "_write.Release()", "ReleaseOrLog(_read)", "63"));
        }
    }
}
