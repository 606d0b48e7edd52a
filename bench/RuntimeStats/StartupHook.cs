using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime;

/// <summary>
/// The runtime calls <c>StartupHook.Initialize</c> (no namespace, by convention) before the compiler's Main. At exit it
/// appends one line of <c>name=value</c> pairs to the file RUNTIME_STATS_FILE names.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable("RUNTIME_STATS_FILE");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        var jit = new JitTimeByOrigin();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.AppendAllText(file, Line(jit) + Environment.NewLine);
    }

    private static string Line(JitTimeByOrigin jit)
    {
        using var process = Process.GetCurrentProcess();
        var values = new (string Name, double Value)[]
        {
            ("cpu", process.TotalProcessorTime.TotalSeconds),
            ("jit", JitInfo.GetCompilationTime().TotalSeconds),
            ("jitMethods", JitInfo.GetCompiledMethodCount()),
            ("jitRace", jit.Seconds(JitOrigin.RaceAnalyzers)),
            ("jitRaceMethods", jit.Count(JitOrigin.RaceAnalyzers)),
            ("jitRoslynOperations", jit.Seconds(JitOrigin.RoslynOperationsAndFlow)),
            ("gcPause", GC.GetTotalPauseDuration().TotalSeconds),
            ("allocatedMB", GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0)),
            ("gen2", GC.CollectionCount(2)),
        };
        return string.Join(" ", Array.ConvertAll(values, v => v.Name + "=" + v.Value.ToString("0.###", CultureInfo.InvariantCulture)));
    }
}
