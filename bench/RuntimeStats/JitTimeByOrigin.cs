using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;

internal enum JitOrigin
{
    Other,
    RaceAnalyzers,
    RoslynOperationsAndFlow,
}

/// <summary>
/// JIT time per origin of the compiled method, from the runtime's own JIT events: a method's JIT runs on one thread
/// from MethodJittingStarted to its MethodLoadVerbose, so the time between the two on that thread is its JIT time.
/// Every tier counts (tier 0, instrumented, tier 1, on-stack replacement).
/// </summary>
internal sealed class JitTimeByOrigin : EventListener
{
    private const int MethodLoadVerbose = 143;
    private const int MethodJittingStarted = 145;
    private const long JitKeyword = 0x10;

    private readonly object _gate = new object();
    private readonly Dictionary<long, DateTime> _startedOnThread = new Dictionary<long, DateTime>();
    private readonly double[] _seconds = new double[3];
    private readonly int[] _counts = new int[3];

    public double Seconds(JitOrigin origin)
    {
        lock (_gate)
        {
            return _seconds[(int)origin];
        }
    }

    public int Count(JitOrigin origin)
    {
        lock (_gate)
        {
            return _counts[(int)origin];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventId == MethodJittingStarted)
        {
            lock (_gate)
            {
                _startedOnThread[e.OSThreadId] = e.TimeStamp;
            }
        }
        else if (e.EventId == MethodLoadVerbose && e.Payload is { Count: > 6 } payload)
        {
            // MethodLoadVerbose: MethodID, ModuleID, MethodStartAddress, MethodSize, MethodToken, MethodFlags, MethodNamespace, …
            var origin = OriginOf(payload[6] as string ?? string.Empty);
            lock (_gate)
            {
                if (_startedOnThread.Remove(e.OSThreadId, out var started))
                {
                    _seconds[(int)origin] += (e.TimeStamp - started).TotalSeconds;
                    _counts[(int)origin]++;
                }
            }
        }
    }

    private static JitOrigin OriginOf(string typeName)
        => typeName.StartsWith("RaceAnalyzers", StringComparison.Ordinal) ? JitOrigin.RaceAnalyzers
            : typeName.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
              && (typeName.Contains(".FlowAnalysis", StringComparison.Ordinal) || typeName.Contains(".Operations", StringComparison.Ordinal)) ? JitOrigin.RoslynOperationsAndFlow
            : JitOrigin.Other;
}
