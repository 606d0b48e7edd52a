using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// Suppresses exactly the findings the baseline lists (justification "baseline"): a finding whose
    /// <see cref="FindingKey"/> the baseline counts n times is suppressed for its first n occurrences in the
    /// compilation, so a new race of the same rule, in the same file or even the same member, is still reported.
    /// Suppressed, not hidden: SARIF logs show the finding with its suppression.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BaselineSuppressor : DiagnosticSuppressor
    {
        public const string Justification = "baseline";

        private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByRule = RuleRecords.All
            .Where(rule => rule.FindsRaces)
            .ToImmutableDictionary(rule => rule.Id, rule => new SuppressionDescriptor(SuppressionId(rule.Id), rule.Id, Justification));

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ByRule.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToImmutableArray();

        /// <summary>RACE001 → RACE001-BASELINE.</summary>
        public static string SuppressionId(string ruleId) => ruleId + "-BASELINE";

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            var baseline = BaselineSource.Load(context.Options, context.CancellationToken)?.Baseline;
            if (baseline == null || baseline.Entries.Count == 0)
            {
                return;
            }

            var findings = new List<Diagnostic>();
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (ByRule.ContainsKey(diagnostic.Id))
                {
                    findings.Add(diagnostic);
                }
            }

            findings.Sort(InSourceOrder);
            var compilation = context.Compilation;
            var assembly = compilation.AssemblyName ?? string.Empty;
            var keys = findings.Select(d => Fingerprint.Of(d, assembly, tree => compilation.ContainsSyntaxTree(tree) ? context.GetSemanticModel(tree) : null)).ToList();
            var match = BaselineMatch.Of(baseline.Entries, keys);
            for (var i = 0; i < findings.Count; i++)
            {
                if (match.Baselined[i])
                {
                    context.ReportSuppression(Suppression.Create(ByRule[findings[i].Id], findings[i]));
                }
            }
        }

        /// <summary>By file, then position: which occurrences of a key count as the baselined ones does not depend on the order the compiler reports them in.</summary>
        internal static int InSourceOrder(Diagnostic x, Diagnostic y)
        {
            var byFile = string.CompareOrdinal(x.Location.SourceTree?.FilePath, y.Location.SourceTree?.FilePath);
            return byFile != 0 ? byFile : x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
        }
    }
}
