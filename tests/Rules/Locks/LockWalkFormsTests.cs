using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Locks.LockAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.Locks
{
    /// <summary>
    /// Forms of real code the lock walk reads as the runtime runs them: the arms of an if or a ?: are alternatives
    /// (an async and a sync wait for one take are one take), a tested timed wait inside a try is not the mirror bug,
    /// and a take nested in the try of the same lock's outer take is a re-entry (RACE013), not a release of a slot
    /// never taken (RACE002).
    /// </summary>
    public sealed class LockWalkFormsTests
    {
        [Fact]
        public Task The_arms_of_a_conditional_are_one_take_not_a_take_while_holding()
            => Verify.VerifyAnalyzerAsync("""
using System.Threading;
using System.Threading.Tasks;

public sealed class Pipe
{
    private readonly SemaphoreSlim _write = new(1, 1);

    public async Task<bool> TryFlushAsync(bool useAsync)
    {
        var taken = useAsync ? await _write.WaitAsync(1000) : _write.Wait(1000);
        if (!taken)
        {
            return false;
        }

        try
        {
            return true;
        }
        finally
        {
            _write.Release();
        }
    }

    public async Task FlushAsync(bool useAsync)
    {
        if (useAsync)
        {
            await _write.WaitAsync();
        }
        else
        {
            _write.Wait();
        }

        try
        {
        }
        finally
        {
            _write.Release();
        }
    }
}
""");

        [Fact]
        public Task A_tested_timed_wait_inside_the_try_is_not_the_mirror_bug()
            => Verify.VerifyAnalyzerAsync("""
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Pipe
{
    private readonly SemaphoreSlim _write = new(1, 1);

    public async Task<bool> TryFlushAsync()
    {
        var taken = false;
        try
        {
            if (await _write.WaitAsync(TimeSpan.FromSeconds(1)))
            {
                taken = true;
            }

            return taken;
        }
        finally
        {
            if (taken)
            {
                _write.Release();
            }
        }
    }
}
""");
    }
}
