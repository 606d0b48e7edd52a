namespace RaceAnalyzers
{
    /// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that analyzers fill for the fixers.</summary>
    internal static class FixProperties
    {
        /// <summary>Which repair applies: one of the <c>*Fix</c> values below.</summary>
        public const string FixKind = "RaceFixKind";

        /// <summary>Move the release into a finally covering the acquisition to the last use.</summary>
        public const string ReleaseInFinallyFix = "ReleaseInFinally";

        /// <summary>Move the acquisition out of the try, just before it.</summary>
        public const string AcquireBeforeTryFix = "AcquireBeforeTry";

        /// <summary>Move the subscribing statement before the reading statement.</summary>
        public const string SubscribeFirstFix = "SubscribeFirst";

        /// <summary>Start position of the earliest related snapshot-reading call: the subscription moves above it.</summary>
        public const string ReadStart = "RaceReadStart";

        /// <summary>Start position of the acquiring call.</summary>
        public const string AcquireStart = "RaceAcquireStart";

        /// <summary>End position of the last use after the release, when there is one.</summary>
        public const string LastUseEnd = "RaceLastUseEnd";
    }
}
