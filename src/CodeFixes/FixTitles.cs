using System.Collections.Generic;

namespace RaceAnalyzers.CodeFixes
{
    /// <summary>
    /// Every code action title the package offers, and which rule offers which: the fixers use these constants, and
    /// the README's rule table and each rule page's header are generated from <see cref="ByRule"/> (tests/Docs).
    /// Keyed by the ids of <see cref="RuleRecords"/>; a test fails when the two or the fixers disagree (this
    /// assembly holds the titles because the analyzers may not reference Workspaces).
    /// </summary>
    internal static class FixTitles
    {
        public const string ReleaseInFinally = "Release in a finally block";
        public const string AcquireBeforeTry = "Acquire before the try block";
        public const string SubscribeFirst = "Subscribe before reading the snapshot";
        public const string AtomicUpdate = "Update atomically in SQL";
        public const string LockRow = "Lock the row";
        public const string Claim = "Claim with ON CONFLICT DO NOTHING";
        public const string CommitAfterPersist = "Commit after persisting";
        public const string CommitInsideTry = "Commit inside the try, after the write";
        public const string DeliverAgain = "Deliver the failed message again";
        public const string ExecuteUpdate = "Update it in one statement (ExecuteUpdate)";

        /// <summary>{0}: the entity and property (<c>Product.Stock</c>).</summary>
        public const string ConcurrencyToken = "Make {0} a concurrency token";
        public const string AddOrUpdate = "Update atomically with AddOrUpdate";
        public const string GetOrAdd = "Add atomically with GetOrAdd";
        public const string RemoveIfUnchanged = "Remove only the value checked (TryRemove(KeyValuePair))";
        public const string ManualAck = "Acknowledge after handling (autoAck: false)";
        public const string StoreOffsetAfterWrite = "Store the offset after the write (EnableAutoOffsetStore = false)";
        public const string AutoOffsetStoreOff = "Turn the automatic offset store off";
        public const string SemaphoreForMonitor = "Use SemaphoreSlim(1, 1): WaitAsync, and Release in finally";

        public static readonly IReadOnlyDictionary<string, string[]> ByRule = new Dictionary<string, string[]>
        {
            [RuleIds.Race000] = new string[0],
            [RuleIds.Race001] = new[] { ReleaseInFinally },
            [RuleIds.Race002] = new[] { ReleaseInFinally, AcquireBeforeTry },
            [RuleIds.Race003] = new[] { SubscribeFirst },
            [RuleIds.Race004] = new[] { AtomicUpdate, LockRow },
            [RuleIds.Race005] = new[] { Claim },
            [RuleIds.Race006] = new[] { CommitAfterPersist },
            [RuleIds.Race007] = new[] { CommitInsideTry, DeliverAgain },
            [RuleIds.Race008] = new[] { ExecuteUpdate, string.Format(System.Globalization.CultureInfo.InvariantCulture, ConcurrencyToken, "Entity.Property") },
            [RuleIds.Race009] = new[] { AddOrUpdate, GetOrAdd, RemoveIfUnchanged },
            [RuleIds.Race010] = new[] { ManualAck, StoreOffsetAfterWrite, AutoOffsetStoreOff },
            [RuleIds.Race011] = new string[0],
            [RuleIds.Race012] = new[] { SemaphoreForMonitor },
            [RuleIds.Race013] = new string[0],
            [RuleIds.Race014] = new string[0],
            [RuleIds.Race015] = new string[0],
        };
    }
}
