using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RaceAnalyzers.Baseline;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// --write-baseline and --baseline: the same fingerprints and matching as the build's suppressor
    /// (src/Analyzers/Baseline), over the findings of the whole solution.
    /// </summary>
    internal static class BaselineComparison
    {
        /// <summary>The baseline of the findings, with files relative to the baseline's folder.</summary>
        public static string Write(IReadOnlyList<FindingEntry> findings, string baselinePath)
        {
            var folder = Path.GetDirectoryName(baselinePath)!;
            return BaselineEntries.From(
                findings.Where(f => f.Diagnostic != null && RuleRecords.Get(f.Rule).FindsRaces).Select(f => (f.Diagnostic!, f.Key)),
                path => Path.GetRelativePath(folder, path).Replace('\\', '/')).Write();
        }

        /// <summary>The report with each finding marked new or unchanged, and the baselined findings no longer found as absent.</summary>
        public static AuditReport Compare(AuditReport report, BaselineFile baseline, string baselinePath, string root)
        {
            var ordered = report.Findings
                .Select((finding, index) => (finding, index))
                .OrderBy(f => f.finding.Diagnostic, Comparer<Microsoft.CodeAnalysis.Diagnostic?>.Create((x, y) => x == null || y == null ? 0 : BaselineSuppressor.InSourceOrder(x, y)))
                .ToList();
            var match = BaselineMatch.Of(baseline.Entries, ordered.Select(f => f.finding.Key).ToList());
            var marked = new FindingEntry[report.Findings.Count];
            for (var i = 0; i < ordered.Count; i++)
            {
                marked[ordered[i].index] = ordered[i].finding with { BaselineState = match.Baselined[i] ? "unchanged" : "new" };
            }

            var folder = Path.GetDirectoryName(baselinePath)!;
            var absent = match.Absent.Select(a => Absent(a.Entry, a.Missing, folder, root)).ToList();
            return report with { Findings = marked, Absent = absent, Baseline = Path.GetFileName(baselinePath) };
        }

        private static FindingEntry Absent(BaselineEntry entry, int missing, string folder, string root)
        {
            var rule = RuleRecords.All.FirstOrDefault(r => r.Id == entry.Key.Rule);
            var at = entry.File.Length > 0
                ? new Spot(Path.GetRelativePath(root, Path.Combine(folder, entry.File)).Replace('\\', '/'), Math.Max(entry.Line, 1), 1)
                : null;
            var message = (missing < entry.Count ? $"{missing} of {entry.Count} no longer found: " : "No longer found: ") + entry.Message;
            return new FindingEntry(entry.Key.Rule, rule?.Title ?? entry.Key.Rule, message, at, rule?.HelpLinkUri ?? RuleRecord.HelpLinkBase, new List<RelatedSpot>())
            {
                BaselineState = "absent",
                Key = entry.Key,
            };
        }
    }
}
