using System.Collections.Generic;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Baseline;

namespace RaceAnalyzers.Audit
{
    /// <summary>Everything race-audit found, in the shape of race-audit.json; the Markdown and SARIF writers read it too.</summary>
    internal sealed record AuditReport(
        string Tool,
        string Target,
        IReadOnlyList<ProjectStatus> Projects,
        IReadOnlyList<LockEntry> Locks,
        IReadOnlyList<OrderEdge> Edges,
        IReadOnlyList<CycleEntry> Cycles,
        IReadOnlyList<HeldAcrossEntry> HeldAcrossSlowCalls,
        IReadOnlyList<FindingEntry> Findings,
        IReadOnlyList<string> Problems)
    {
        public bool HasFindings => Findings.Count > 0;

        /// <summary>The baseline compared with (--baseline), as given; null without one.</summary>
        public string? Baseline { get; init; }

        /// <summary>Findings the baseline lists that the audit no longer finds (fixed), with baselineState "absent".</summary>
        public IReadOnlyList<FindingEntry> Absent { get; init; } = new List<FindingEntry>();
    }

    /// <summary>A project of the target and whether it could be analyzed.</summary>
    internal sealed record ProjectStatus(string Name, string Path, bool Analyzed, string? Problem);

    /// <summary>A place in the source, relative to the target's folder.</summary>
    internal sealed record Spot(string File, int Line, int Column)
    {
        public override string ToString() => File + ":" + Line;
    }

    /// <summary>One lock: the field or property it lives in, how it is taken, and where.</summary>
    internal sealed record LockEntry(string Id, string Owner, string Name, IReadOnlyList<string> Kinds, IReadOnlyList<LockSite> Sites, IReadOnlyList<string> Projects);

    /// <summary>One acquisition of a lock, with the locks already held there.</summary>
    internal sealed record LockSite(string Method, string TakenBy, string Mode, Spot At, IReadOnlyList<string> WhileHolding);

    /// <summary>"<see cref="Takes"/> is taken while <see cref="Holding"/> is held", by <see cref="Method"/>, itself or through calls.</summary>
    internal sealed record OrderEdge(string Holding, string Takes, string Method, Spot At, IReadOnlyList<string> Through);

    /// <summary>A lock-order cycle: each step holds one lock and takes the next.</summary>
    internal sealed record CycleEntry(string Locks, IReadOnlyList<OrderEdge> Steps);

    /// <summary>Slow or foreign work done while a lock is held: an await, blocking I/O, or a callback.</summary>
    internal sealed record HeldAcrossEntry(string Lock, string How, string Kind, string Call, string Method, Spot At);

    /// <summary>A RACE diagnostic of any rule; with a baseline, whether it is new, unchanged or absent.</summary>
    internal sealed record FindingEntry(string Rule, string Title, string Message, Spot? At, string HelpLink, IReadOnlyList<RelatedSpot> Related)
    {
        public string? BaselineState { get; init; }

        /// <summary>The diagnostic, for its fingerprint (not part of the JSON report).</summary>
        [JsonIgnore]
        public Diagnostic? Diagnostic { get; init; }

        [JsonIgnore]
        public FindingKey Key { get; init; }
    }

    /// <summary>Another place a finding involves, with what happens there.</summary>
    internal sealed record RelatedSpot(Spot At, string Message);
}
