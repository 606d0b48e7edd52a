using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>What a Fix All sweep did to a code base: findings per rule before and after, what is left, the compiler errors it added.</summary>
    internal sealed record SweepResult(
        SortedDictionary<string, int> Before,
        SortedDictionary<string, int> After,
        IReadOnlyList<Leftover> Leftovers,
        int ErrorsBefore,
        int ErrorsAfter,
        IReadOnlyList<string> IntroducedErrors,
        int Passes,
        bool Converged,
        Solution Fixed)
    {
        /// <summary>The report the tests print and docs/fixes.md quotes: one row per rule, then every leftover and every added error.</summary>
        public string Report()
        {
            var report = new StringBuilder("rule     before  after  left without a fix\n");
            foreach (var rule in Before.Keys.Union(After.Keys).OrderBy(r => r))
            {
                var withoutFix = Leftovers.Count(l => l.Rule == rule && !l.FixOffered);
                report.AppendLine($"{rule}  {Before.GetValueOrDefault(rule),6} {After.GetValueOrDefault(rule),6}  {withoutFix,6}");
            }

            report.AppendLine($"all      {Before.Values.Sum(),6} {After.Values.Sum(),6}  {Leftovers.Count(l => !l.FixOffered),6}");
            report.AppendLine($"passes {Passes}{(Converged ? string.Empty : " (did not converge)")}; compiler errors {ErrorsBefore} before, {ErrorsAfter} after");
            foreach (var leftover in Leftovers)
            {
                report.AppendLine("left: " + leftover);
            }

            foreach (var error in IntroducedErrors)
            {
                report.AppendLine("added error: " + error);
            }

            return report.ToString();
        }
    }
}
