using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RaceAnalyzers.Audit
{
    /// <summary>race-audit.md: summary, locks, the lock-order graph (Mermaid) with its cycles, what is held across slow calls, findings by rule.</summary>
    internal static class MarkdownReport
    {
        public static string Write(AuditReport report)
        {
            var text = new StringBuilder();
            text.Append("# race-audit: ").Append(report.Target).Append("\n\n");
            Summary(text, report);
            Locks(text, report);
            Graph(text, report);
            HeldAcross(text, report);
            Findings(text, report);
            return text.ToString();
        }

        private static void Summary(StringBuilder text, AuditReport report)
        {
            var analyzed = report.Projects.Count(p => p.Analyzed);
            text.Append("## Summary\n\n| | |\n|---|---|\n");
            text.Append("| Projects analyzed | ").Append(analyzed).Append(" of ").Append(report.Projects.Count).Append(" |\n");
            text.Append("| Locks | ").Append(report.Locks.Count).Append(" |\n");
            text.Append("| Lock-order edges (taken while holding) | ").Append(report.Edges.Count).Append(" |\n");
            text.Append("| Lock-order cycles | ").Append(report.Cycles.Count).Append(" |\n");
            text.Append("| Slow or foreign calls made while a lock is held | ").Append(report.HeldAcrossSlowCalls.Count).Append(" |\n");
            var byRule = string.Join(", ", report.Findings.GroupBy(f => f.Rule).Select(g => g.Key + ": " + g.Count()));
            text.Append("| Findings | ").Append(report.Findings.Count).Append(byRule.Length > 0 ? " (" + byRule + ")" : string.Empty).Append(" |\n");
            if (report.Baseline != null)
            {
                var fresh = report.Findings.Count(f => f.BaselineState == "new");
                text.Append("| Against the baseline `").Append(report.Baseline).Append("` | ")
                    .Append(fresh).Append(" new, ").Append(report.Findings.Count - fresh).Append(" unchanged, ").Append(report.Absent.Count).Append(" absent (fixed) |\n");
            }

            text.Append('\n');

            foreach (var project in report.Projects.Where(p => !p.Analyzed))
            {
                text.Append("- **Not analyzed:** `").Append(project.Path).Append("`: ").Append(OneLine(project.Problem ?? "could not be loaded")).Append('\n');
            }

            foreach (var problem in report.Problems.Where(p => report.Projects.All(project => project.Problem != p)))
            {
                text.Append("- **Problem:** ").Append(OneLine(problem)).Append('\n');
            }

            if (report.Projects.Any(p => !p.Analyzed) || report.Problems.Count > 0)
            {
                text.Append('\n');
            }
        }

        private static void Locks(StringBuilder text, AuditReport report)
        {
            text.Append("## Locks\n\n");
            if (report.Locks.Count == 0)
            {
                text.Append("No locks.\n\n");
                return;
            }

            text.Append("| Lock | Kind | Taken at | Projects |\n|---|---|---|---|\n");
            foreach (var entry in report.Locks)
            {
                var sites = string.Join("<br>", entry.Sites.Select(s =>
                    $"`{s.At}` {s.Method} ({s.TakenBy}{(s.Mode != "Exclusive" ? ", " + s.Mode.ToLowerInvariant() : string.Empty)}){(s.WhileHolding.Count > 0 ? " while holding " + string.Join(", ", s.WhileHolding.Select(h => "`" + h + "`")) : string.Empty)}"));
                text.Append("| `").Append(entry.Id).Append("` | ").Append(string.Join(", ", entry.Kinds)).Append(" | ").Append(sites).Append(" | ").Append(string.Join(", ", entry.Projects)).Append(" |\n");
            }

            text.Append('\n');
        }

        private static void Graph(StringBuilder text, AuditReport report)
        {
            text.Append("## Lock order\n\n");
            if (report.Edges.Count == 0)
            {
                text.Append("No lock is taken while another is held.\n\n");
                return;
            }

            var nodes = report.Edges.SelectMany(e => new[] { e.Holding, e.Takes }).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            var inCycle = new HashSet<(string, string)>(report.Cycles.SelectMany(c => c.Steps.Select(s => (s.Holding, s.Takes))));
            var cycleNodes = new HashSet<string>(report.Cycles.SelectMany(c => c.Steps.Select(s => s.Holding)));
            var pairs = report.Edges.GroupBy(e => (e.Holding, e.Takes)).OrderBy(g => g.Key.Holding, StringComparer.Ordinal).ThenBy(g => g.Key.Takes, StringComparer.Ordinal).ToList();

            text.Append("An arrow means \"taken while holding\"; red arrows and nodes are on a cycle.\n\n```mermaid\ngraph LR\n");
            for (var i = 0; i < nodes.Count; i++)
            {
                text.Append("  n").Append(i).Append("[\"").Append(nodes[i]).Append("\"]\n");
            }

            var red = new List<int>();
            for (var i = 0; i < pairs.Count; i++)
            {
                var methods = string.Join(", ", pairs[i].Select(e => e.Method).Distinct());
                text.Append("  n").Append(nodes.IndexOf(pairs[i].Key.Holding)).Append(" -->|\"").Append(methods).Append("\"| n").Append(nodes.IndexOf(pairs[i].Key.Takes)).Append('\n');
                if (inCycle.Contains(pairs[i].Key))
                {
                    red.Add(i);
                }
            }

            if (red.Count > 0)
            {
                text.Append("  linkStyle ").Append(string.Join(",", red)).Append(" stroke:#d00,stroke-width:3px\n");
                text.Append("  classDef cycle fill:#fdd,stroke:#d00\n");
                text.Append("  class ").Append(string.Join(",", nodes.Select((n, i) => (n, i)).Where(x => cycleNodes.Contains(x.n)).Select(x => "n" + x.i))).Append(" cycle\n");
            }

            text.Append("```\n\n### Cycles\n\n");
            if (report.Cycles.Count == 0)
            {
                text.Append("No cycles: every path takes these locks in one order.\n\n");
                return;
            }

            for (var i = 0; i < report.Cycles.Count; i++)
            {
                var cycle = report.Cycles[i];
                text.Append(i + 1).Append(". **").Append(cycle.Locks).Append("**\n");
                foreach (var step in cycle.Steps)
                {
                    text.Append("   - `").Append(step.At).Append("` ").Append(step.Method).Append(" takes `").Append(step.Takes).Append('`');
                    if (step.Through.Count > 0)
                    {
                        text.Append(" through ").Append(string.Join(" → ", step.Through));
                    }

                    text.Append(" while holding `").Append(step.Holding).Append("`\n");
                }
            }

            text.Append('\n');
        }

        private static void HeldAcross(StringBuilder text, AuditReport report)
        {
            text.Append("## Held across slow calls\n\n");
            if (report.HeldAcrossSlowCalls.Count == 0)
            {
                text.Append("No lock is held across an await, blocking I/O or a callback.\n\n");
                return;
            }

            text.Append("What runs while a lock is held: awaited calls (any kind), blocking I/O, and callbacks or events (code the lock's owner does not control).\n\n");
            text.Append("| Lock | How | Kind | Call | In | At |\n|---|---|---|---|---|---|\n");
            foreach (var entry in report.HeldAcrossSlowCalls)
            {
                text.Append("| `").Append(entry.Lock).Append("` | ").Append(entry.How).Append(" | ").Append(entry.Kind).Append(" | ").Append(entry.Call)
                    .Append(" | ").Append(entry.Method).Append(" | `").Append(entry.At).Append("` |\n");
            }

            text.Append('\n');
        }

        private static void Findings(StringBuilder text, AuditReport report)
        {
            text.Append("## Findings\n\n");
            if (report.Findings.Count == 0)
            {
                text.Append("No RACE findings.\n").Append(report.Absent.Count > 0 ? "\n" : string.Empty);
            }

            foreach (var rule in report.Findings.GroupBy(f => f.Rule))
            {
                var first = rule.First();
                text.Append("### ").Append(rule.Key).Append(": ").Append(first.Title).Append("\n\n[Rule page](").Append(first.HelpLink).Append(")\n\n");
                foreach (var finding in rule)
                {
                    text.Append("- `").Append(finding.At?.ToString() ?? "(no location)").Append("` ").Append(finding.BaselineState == "new" ? "**new** " : string.Empty).Append(OneLine(finding.Message)).Append('\n');
                }

                text.Append('\n');
            }

            if (report.Absent.Count > 0)
            {
                text.Append("### Fixed since the baseline\n\nListed in `").Append(report.Baseline).Append("` and found no more: remove them from it.\n\n");
                foreach (var finding in report.Absent)
                {
                    text.Append("- ").Append(finding.Rule).Append(" `").Append(finding.At?.ToString() ?? "(no location)").Append("` ").Append(OneLine(finding.Message)).Append('\n');
                }

                text.Append('\n');
            }
        }

        private static string OneLine(string text) => text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
    }
}
