using System;
using System.Diagnostics;

namespace RaceAnalyzers.Audit
{
    /// <summary>Progress lines on stderr (stdout stays for the summary), with the time since the start.</summary>
    internal sealed class Progress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(string message) => Console.Error.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {message}");
    }
}
