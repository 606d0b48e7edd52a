using System.Threading.Tasks;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer>;
using VerifyFix = RaceAnalyzers.Tests.Verification.CSharpCodeFixVerifier<RaceAnalyzers.Rules.Pools.PooledResourceAnalyzer, RaceAnalyzers.CodeFixes.Pools.MoveIntoFinallyFixer>;

namespace RaceAnalyzers.Tests.Rules.Pools
{
    /// <summary>
    /// RACE002's mirror bug one call down (rabbitmq-dotnet-client before c6f0592): a private helper waits on the
    /// semaphore with a token and returns holding it, and is awaited inside the try whose finally releases the
    /// semaphore, itself or through a helper that releases on every path. A cancelled wait runs the finally, which
    /// releases a slot never taken. Quiet: the helper awaited before the try, a helper that takes and gives back, a
    /// release helper that releases only when told the take happened (a flag, a parameter, an early return), another
    /// semaphore, a wait that cannot fail. The helper form gets no fix: what the helper does after its wait may
    /// throw, and then only the finally gives the slot back.
    /// </summary>
    public sealed class Race002HelperTakeTests
    {
        private static string Publisher(string body, string members = "") => """
using System;
using System.Threading;
using System.Threading.Tasks;

public sealed class Ticket
{
    public Ticket(ulong sequence) => Sequence = sequence;
    public ulong Sequence { get; }
}

public sealed class Publisher
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _other = new(1, 1);
    private readonly bool _confirmsEnabled = true;
    private ulong _next = 1;
    private bool _held;

    public async Task PublishAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
""" + body + """

    }

    private async Task<Ticket> StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var ticket = new Ticket(_next);
        _next++;
        return ticket;
    }

    private async Task TakeAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
    }

    private void EndTracking()
    {
        if (_confirmsEnabled)
        {
            _gate.Release();
        }
    }

    private Task SendAsync(ReadOnlyMemory<byte> body, ulong sequence, CancellationToken ct) => Task.CompletedTask;
""" + members + """
}
""";

        [Fact]
        public async Task HelperTake_AwaitedInsideTheTry_WhoseFinallyReleases_IsFlagged()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        try
        {
            await {|RACE002:TakeAsync(ct)|};
            await SendAsync(body, 0, ct);
        }
        finally
        {
            _gate.Release();
        }
"""));
        }

        [Fact]
        public async Task HelperTake_ThroughConfigureAwait_WithReleaseThroughAHelper_IsFlaggedWithTheSemaphoreNamed()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        Ticket? ticket = null;
        try
        {
            ticket = await {|#0:StartAsync(ct)|}.ConfigureAwait(false);
            await SendAsync(body, ticket.Sequence, ct).ConfigureAwait(false);
        }
        finally
        {
            EndTracking();
        }
"""),
                Verify.Diagnostic("RACE002").WithLocation(0).WithArguments("_gate", "StartAsync(ct)"));
        }

        [Fact]
        public async Task DirectWait_InsideTheTry_WithReleaseThroughAHelper_IsFixedByWaitingBeforeTheTry()
        {
            await VerifyFix.VerifyCodeFixAsync(Publisher("""
        try
        {
            // one publisher at a time
            await {|RACE002:_gate.WaitAsync(ct)|}.ConfigureAwait(false);
            await SendAsync(body, 0, ct);
        }
        finally
        {
            EndTracking();
        }
"""), Publisher("""
        // one publisher at a time
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await SendAsync(body, 0, ct);
        }
        finally
        {
            EndTracking();
        }
"""));
        }

        [Fact]
        public async Task HelperTake_GetsNoFix_WhatTheHelperDoesAfterItsWaitMayThrow()
        {
            await VerifyFix.VerifyNoFixAsync(Publisher("""
        try
        {
            await {|RACE002:TakeAsync(ct)|}.ConfigureAwait(false);
            await SendAsync(body, 0, ct);
        }
        finally
        {
            EndTracking();
        }
"""));
        }

        [Fact]
        public async Task HelperTake_AwaitedBeforeTheTry_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        var ticket = await StartAsync(ct).ConfigureAwait(false);
        try
        {
            await SendAsync(body, ticket.Sequence, ct).ConfigureAwait(false);
        }
        finally
        {
            EndTracking();
        }
"""));
        }

        [Fact]
        public async Task HelperThatTakesAndGivesBack_IsNoTake()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        try
        {
            await ReserveAsync(ct);
            await SendAsync(body, 0, ct);
        }
        finally
        {
            EndTracking();
        }
""", """

    private async Task ReserveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _next++;
        }
        finally
        {
            _gate.Release();
        }
    }
"""));
        }

        [Theory]
        [InlineData("EndTracking(ticket)", "private void EndTracking(Ticket? ticket)\n    {\n        if (ticket is not null)\n        {\n            _gate.Release();\n        }\n    }")]
        [InlineData("EndTracking(ticket)", "private void EndTracking(Ticket? ticket)\n    {\n        if (ticket is null)\n        {\n            return;\n        }\n\n        _gate.Release();\n    }")]
        [InlineData("EndIfHeld()", "private void EndIfHeld()\n    {\n        if (_held)\n        {\n            _held = false;\n            _gate.Release();\n        }\n    }")]
        [InlineData("EndTracking(ticket)", "private void EndTracking(Ticket? ticket) => ticket?.ToString().Length.CompareTo(_gate.Release());")]
        public async Task ReleaseHelper_ThatReleasesOnlyWhenTheTakeHappened_IsClean(string call, string helper)
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        Ticket? ticket = null;
        try
        {
            ticket = await StartAsync(ct).ConfigureAwait(false);
            _held = true;
            await SendAsync(body, ticket.Sequence, ct).ConfigureAwait(false);
        }
        finally
        {
            
""" + call + """
;
        }
""", "\n    " + helper + "\n"));
        }

        [Fact]
        public async Task HelperTakingAnotherSemaphore_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        try
        {
            await TakeOtherAsync(ct).ConfigureAwait(false);
            await SendAsync(body, 0, ct);
        }
        finally
        {
            EndTracking();
        }
""", """

    private async Task TakeOtherAsync(CancellationToken ct) => await _other.WaitAsync(ct);
"""));
        }

        [Fact]
        public async Task HelperWhoseWaitCannotFail_IsClean()
        {
            await Verify.VerifyAnalyzerAsync(Publisher("""
        try
        {
            await TakeForSureAsync().ConfigureAwait(false);
            await SendAsync(body, 0, ct);
        }
        finally
        {
            _gate.Release();
        }
""", """

    private async Task TakeForSureAsync() => await _gate.WaitAsync();
"""));
        }
    }
}
