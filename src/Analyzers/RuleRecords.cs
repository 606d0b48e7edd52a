using Microsoft.CodeAnalysis;
using RaceAnalyzers.Baseline;
using RaceAnalyzers.Options;
using RaceAnalyzers.Rules.Delivery;
using RaceAnalyzers.Rules.EfCore;
using RaceAnalyzers.Rules.InMemory;
using RaceAnalyzers.Rules.Locks;
using RaceAnalyzers.Rules.Pools;
using RaceAnalyzers.Rules.Sql;
using RaceAnalyzers.Rules.Streams;

namespace RaceAnalyzers
{
    /// <summary>One <see cref="RuleRecord"/> per rule id, in id order.</summary>
    internal static class RuleRecords
    {
        private static readonly string[] SeverityOnly = new string[0];

        /// <summary>Concurrent execution using a shared resource with improper synchronization.</summary>
        private static readonly string[] Race = { "CWE-362" };

        /// <summary>A resource (pooled connection, semaphore slot, lock) not released after its lifetime: missing release, improper locking.</summary>
        private static readonly string[] Leak = { "CWE-772", "CWE-667" };

        /// <summary>Deadlock, from improper locking.</summary>
        private static readonly string[] Deadlock = { "CWE-833", "CWE-667" };

        private static readonly string[] Locking = { "CWE-667" };

        public static readonly RuleRecord Race000 = new RuleRecord(
            RuleIds.Race000, "Options", "RaceAnalyzers option that has no effect", nameof(OptionsAnalyzer),
            new[] { OptionKeys.Prefix + "*" }, compilationEnd: true, findsRaces: false, precision: "very-high");

        public static readonly RuleRecord Race001 = new RuleRecord(
            RuleIds.Race001, "Pools", "Pooled resource returned before dependent operations", nameof(PooledResourceAnalyzer),
            new[] { OptionKeys.AcquireMethods, OptionKeys.ReleaseMethods, OptionKeys.DependentMethods }, cwes: Race);

        public static readonly RuleRecord Race002 = new RuleRecord(
            RuleIds.Race002, "Pools", "Pooled resource or lock not released on every path", nameof(PooledResourceAnalyzer),
            new[] { OptionKeys.AcquireMethods, OptionKeys.ReleaseMethods, OptionKeys.ReuseOnlyPools }, cwes: Leak);

        public static readonly RuleRecord Race003 = new RuleRecord(
            RuleIds.Race003, "Streams", "Snapshot read before subscribing to a live channel", nameof(SnapshotBeforeSubscribeAnalyzer),
            new[] { OptionKeys.SnapshotReadMethods, OptionKeys.SubscribeMethods, OptionKeys.ReadingWords, OptionKeys.MaxCallDepth }, cwes: Race);

        public static readonly RuleRecord Race004 = new RuleRecord(
            RuleIds.Race004, "Sql", "Non-atomic read-modify-write in SQL", nameof(SqlRaceAnalyzer), SeverityOnly, cwes: Race);

        public static readonly RuleRecord Race005 = new RuleRecord(
            RuleIds.Race005, "Sql", "Non-atomic check-then-insert in SQL", nameof(SqlRaceAnalyzer), SeverityOnly, cwes: Race);

        public static readonly RuleRecord Race006 = new RuleRecord(
            RuleIds.Race006, "Delivery", "Message committed before it is persisted", nameof(CommitBeforePersistAnalyzer),
            new[] { OptionKeys.CommitMethods, OptionKeys.PersistMethods, OptionKeys.HandlingWords, OptionKeys.MaxCallDepth }, cwes: Race);

        public static readonly RuleRecord Race007 = new RuleRecord(
            RuleIds.Race007, "Delivery", "Message committed even when persisting it fails", nameof(CommitBeforePersistAnalyzer),
            new[] { OptionKeys.CommitMethods, OptionKeys.PersistMethods, OptionKeys.HandlingWords, OptionKeys.MaxCallDepth }, cwes: Race);

        public static readonly RuleRecord Race008 = new RuleRecord(
            RuleIds.Race008, "EfCore", "EF Core entity saved from its old value without a concurrency check", nameof(TrackedEntityAnalyzer), SeverityOnly, cwes: Race);

        public static readonly RuleRecord Race009 = new RuleRecord(
            RuleIds.Race009, "InMemory", "Check-then-act on a concurrent collection", nameof(ConcurrentDictionaryAnalyzer), SeverityOnly, cwes: Race, precision: "medium");

        public static readonly RuleRecord Race010 = new RuleRecord(
            RuleIds.Race010, "Delivery", "Messages acknowledged on delivery, before they are handled", nameof(AutoAckAnalyzer),
            new[] { OptionKeys.PersistMethods, OptionKeys.HandlingWords, OptionKeys.MaxCallDepth }, cwes: Race);

        public static readonly RuleRecord Race011 = new RuleRecord(
            RuleIds.Race011, "Locks", "Locks taken in opposite orders", nameof(LockAnalyzer),
            new[] { OptionKeys.LockMethods, OptionKeys.UnlockMethods, OptionKeys.MaxCallDepth }, compilationEnd: true, cwes: Deadlock, precision: "medium");

        public static readonly RuleRecord Race012 = new RuleRecord(
            RuleIds.Race012, "Locks", "Thread-owned lock held across await", nameof(LockAnalyzer),
            new[] { OptionKeys.LockMethods, OptionKeys.UnlockMethods }, cwes: Locking);

        public static readonly RuleRecord Race013 = new RuleRecord(
            RuleIds.Race013, "Locks", "Non-reentrant lock taken again while held", nameof(LockAnalyzer),
            new[] { OptionKeys.MaxCallDepth }, cwes: Deadlock);

        public static readonly RuleRecord Race014 = new RuleRecord(
            RuleIds.Race014, "Baseline", "RaceAnalyzers baseline that cannot be read", nameof(BaselineAnalyzer),
            SeverityOnly, compilationEnd: true, findsRaces: false, precision: "very-high");

        /// <summary>Informational in every preset: a fixed finding is good news, never a failed build.</summary>
        public static readonly RuleRecord Race015 = new RuleRecord(
            RuleIds.Race015, "Baseline", "Baselined finding no longer reported", nameof(BaselineAnalyzer),
            SeverityOnly, compilationEnd: true, findsRaces: false, severity: DiagnosticSeverity.Info, strictSeverity: "suggestion", precision: "very-high");

        public static readonly RuleRecord[] All =
        {
            Race000, Race001, Race002, Race003, Race004, Race005, Race006, Race007, Race008, Race009, Race010, Race011, Race012, Race013,
            Race014, Race015,
        };

        public static RuleRecord Get(string id)
        {
            foreach (var rule in All)
            {
                if (rule.Id == id)
                {
                    return rule;
                }
            }

            throw new System.ArgumentException("No rule record for " + id, nameof(id));
        }
    }
}
