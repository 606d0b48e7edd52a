using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Baseline
{
    /// <summary>The baseline of a set of findings: one entry per key, counted, with the first occurrence's file, line and message.</summary>
    internal static class BaselineEntries
    {
        /// <param name="findings">The findings with their keys (<see cref="Fingerprint.Of"/>).</param>
        /// <param name="relativePath">A source path as the baseline shows it: relative to the baseline's folder, '/'-separated.</param>
        public static BaselineFile From(IEnumerable<(Diagnostic Diagnostic, FindingKey Key)> findings, Func<string, string> relativePath)
        {
            var entries = findings
                .OrderBy(f => f.Diagnostic, Comparer<Diagnostic>.Create(BaselineSuppressor.InSourceOrder))
                .GroupBy(f => f.Key)
                .Select(group =>
                {
                    var first = group.First().Diagnostic;
                    var span = first.Location.GetLineSpan();
                    var file = first.Location.IsInSource && !string.IsNullOrEmpty(span.Path) ? relativePath(span.Path) : string.Empty;
                    return new BaselineEntry(group.Key, group.Count(), file, file.Length > 0 ? span.StartLinePosition.Line + 1 : 0, first.GetMessage(CultureInfo.InvariantCulture));
                })
                .ToList();
            return new BaselineFile(entries);
        }
    }
}
