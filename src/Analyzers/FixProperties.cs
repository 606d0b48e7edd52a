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

        /// <summary>Move the statements between the acquisition and the try whose finally releases into that try (an early exit there leaves holding).</summary>
        public const string TryFromAcquireFix = "TryFromAcquire";

        /// <summary>Move the subscribing statement before the reading statement.</summary>
        public const string SubscribeFirstFix = "SubscribeFirst";

        /// <summary>Start position of the earliest related snapshot-reading call (RACE003: the subscription moves above it).</summary>
        public const string ReadStart = "RaceReadStart";

        /// <summary>Move the commit statement after the last persistence of its message in the same block.</summary>
        public const string CommitAfterPersistFix = "CommitAfterPersist";

        /// <summary>Move the commit into the try body, after the persistence, so a failure skips it.</summary>
        public const string CommitInsideTryFix = "CommitInsideTry";

        /// <summary>Add the broker's failure handling to the catches that swallow the failed write (RACE007's Kafka loop shape).</summary>
        public const string SettleInCatchFix = "SettleInCatch";

        /// <summary>RACE010: consume with <c>autoAck: false</c> and ack in the handler after its work (nack with requeue on failure).</summary>
        public const string ManualAckFix = "ManualAck";

        /// <summary>Start of the <c>autoAck</c> argument's value.</summary>
        public const string AutoAckStart = "RaceAutoAckStart";

        /// <summary>Start of the handler lambda attached to the consumer.</summary>
        public const string HandlerStart = "RaceHandlerStart";

        /// <summary>RACE010 (Kafka): <c>EnableAutoOffsetStore = false</c> in the config, <c>StoreOffset(result)</c> after the write.</summary>
        public const string StoreOffsetAfterWriteFix = "StoreOffsetAfterWrite";

        /// <summary>RACE010 (Kafka, a rejected StoreOffset): <c>EnableAutoOffsetStore = false</c> in the config only.</summary>
        public const string AutoOffsetStoreOffFix = "AutoOffsetStoreOff";

        /// <summary>Start of the <c>new ConsumerConfig { … }</c> creation.</summary>
        public const string ConfigStart = "RaceConfigStart";

        /// <summary>Start of the call that persists the consumed message (the offset is stored after its statement).</summary>
        public const string WriteStart = "RaceWriteStart";

        /// <summary>The local holding the consume result.</summary>
        public const string ResultName = "RaceResultName";

        /// <summary>Start position of the persisting call (RACE007) or of the last persisting call (RACE006).</summary>
        public const string PersistStart = "RacePersistStart";

        /// <summary>RACE004: the SET column whose new value was computed from the read one (an UPDATE may set several).</summary>
        public const string Column = "RaceColumn";

        /// <summary>Start position of the acquiring call.</summary>
        public const string AcquireStart = "RaceAcquireStart";

        /// <summary>Start position of the releasing call in a finally.</summary>
        public const string ReleaseStart = "RaceReleaseStart";

        /// <summary>End position of the last use after the release, when there is one.</summary>
        public const string LastUseEnd = "RaceLastUseEnd";
    }
}
