using System;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// What identifies a finding across edits elsewhere in the code: the rule, the assembly, the documentation id of
    /// the member it is in, and the operations its message names, without line numbers (<see cref="Fingerprint"/>).
    /// Findings with equal keys are told apart by count only.
    /// </summary>
    internal readonly struct FindingKey : IEquatable<FindingKey>
    {
        public FindingKey(string rule, string assembly, string member, string operations)
        {
            Rule = rule;
            Assembly = assembly;
            Member = member;
            Operations = operations;
        }

        public string Rule { get; }

        /// <summary>The compilation's assembly name (the baseline of a solution lists the findings of every project).</summary>
        public string Assembly { get; }

        /// <summary>The containing member's documentation id (<c>M:Shop.Orders.PlaceAsync(System.String)</c>), or empty.</summary>
        public string Member { get; }

        public string Operations { get; }

        public bool Equals(FindingKey other)
            => string.Equals(Rule, other.Rule, StringComparison.Ordinal)
               && string.Equals(Assembly, other.Assembly, StringComparison.Ordinal)
               && string.Equals(Member, other.Member, StringComparison.Ordinal)
               && string.Equals(Operations, other.Operations, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is FindingKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Rule ?? string.Empty);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Assembly ?? string.Empty);
                hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Member ?? string.Empty);
                return (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Operations ?? string.Empty);
            }
        }

        public override string ToString() => Rule + " " + Assembly + " " + Member + " [" + Operations + "]";
    }
}
