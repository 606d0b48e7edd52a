namespace RaceAnalyzers.Options
{
    /// <summary>Every <c>race_analyzers.*</c> key the package reads from .editorconfig, in one place.</summary>
    internal static class OptionKeys
    {
        public const string AcquireMethods = "race_analyzers.acquire_methods";
        public const string ReleaseMethods = "race_analyzers.release_methods";
        public const string DependentMethods = "race_analyzers.dependent_methods";
        public const string SnapshotReadMethods = "race_analyzers.snapshot_read_methods";
        public const string SubscribeMethods = "race_analyzers.subscribe_methods";
        public const string CommitMethods = "race_analyzers.commit_methods";
        public const string PersistMethods = "race_analyzers.persist_methods";
        public const string LockMethods = "race_analyzers.lock_methods";
        public const string UnlockMethods = "race_analyzers.unlock_methods";
        public const string MaxCallDepth = "race_analyzers.max_call_depth";
        public const string HandlingWords = "race_analyzers.handling_words";
        public const string ReadingWords = "race_analyzers.reading_words";
        public const string ReuseOnlyPools = "race_analyzers.reuse_only_pools";

        public const string Prefix = "race_analyzers.";

        /// <summary>Keys whose value is a list of methods.</summary>
        public static readonly string[] MethodLists = { AcquireMethods, ReleaseMethods, DependentMethods, SnapshotReadMethods, SubscribeMethods, CommitMethods, PersistMethods, LockMethods, UnlockMethods };

        /// <summary>Keys whose value is a list of types.</summary>
        public static readonly string[] TypeLists = { ReuseOnlyPools };

        /// <summary>Keys whose value is a list of words.</summary>
        public static readonly string[] WordLists = { HandlingWords, ReadingWords };

        public static readonly string[] All = { AcquireMethods, ReleaseMethods, DependentMethods, SnapshotReadMethods, SubscribeMethods, CommitMethods, PersistMethods, LockMethods, UnlockMethods, MaxCallDepth, HandlingWords, ReadingWords, ReuseOnlyPools };
    }
}
