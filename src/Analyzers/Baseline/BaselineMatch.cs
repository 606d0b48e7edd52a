using System.Collections.Generic;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// Findings against a baseline: of n findings with one key that the baseline counts c times, the first min(n, c)
    /// (in the order given: file, then position) are baselined and the rest new; an entry with fewer findings than it
    /// counts is absent by the difference (fixed). An entry without an assembly matches that key in any assembly.
    /// </summary>
    internal sealed class BaselineMatch
    {
        private BaselineMatch(bool[] baselined, IReadOnlyList<(BaselineEntry Entry, int Missing)> absent)
        {
            Baselined = baselined;
            Absent = absent;
        }

        /// <summary>For each finding, in the order given: whether the baseline lists it.</summary>
        public IReadOnlyList<bool> Baselined { get; }

        /// <summary>The entries that match fewer findings than they count, with how many fewer.</summary>
        public IReadOnlyList<(BaselineEntry Entry, int Missing)> Absent { get; }

        public static BaselineMatch Of(IEnumerable<BaselineEntry> entries, IReadOnlyList<FindingKey> findings)
        {
            var left = new Dictionary<FindingKey, int>();
            var listed = new List<(BaselineEntry Entry, FindingKey Key)>();
            foreach (var entry in entries)
            {
                left.TryGetValue(entry.Key, out var count);
                left[entry.Key] = count + entry.Count;
                listed.Add((entry, entry.Key));
            }

            var baselined = new bool[findings.Count];
            for (var i = 0; i < findings.Count; i++)
            {
                var key = findings[i];
                var anyAssembly = new FindingKey(key.Rule, string.Empty, key.Member, key.Operations);
                if (Take(left, key) || Take(left, anyAssembly))
                {
                    baselined[i] = true;
                }
            }

            var absent = new List<(BaselineEntry, int)>();
            foreach (var (entry, key) in listed)
            {
                // Duplicate entries of one key share its count: the missing findings are told once, at the first.
                if (left.TryGetValue(key, out var missing) && missing > 0)
                {
                    absent.Add((entry, missing));
                    left[key] = 0;
                }
            }

            return new BaselineMatch(baselined, absent);
        }

        private static bool Take(Dictionary<FindingKey, int> left, FindingKey key)
        {
            if (!left.TryGetValue(key, out var count) || count == 0)
            {
                return false;
            }

            left[key] = count - 1;
            return true;
        }
    }
}
