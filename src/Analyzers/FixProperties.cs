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

        /// <summary>Start position of the earliest related snapshot-reading call (RACE003: the subscription moves above it), or of RACE004's SELECT.</summary>
        public const string ReadStart = "RaceReadStart";

        /// <summary>Move the commit statement after the last persistence of its message in the same block.</summary>
        public const string CommitAfterPersistFix = "CommitAfterPersist";

        /// <summary>Move the commit into the try body, after the persistence, so a failure skips it.</summary>
        public const string CommitInsideTryFix = "CommitInsideTry";

        /// <summary>Add the broker's failure handling to the catches that swallow the failed write (RACE007's Kafka loop shape).</summary>
        public const string SettleInCatchFix = "SettleInCatch";

        /// <summary>The statement a swallowing catch needs so the message comes again: a seek, nack, abandon or rethrow.</summary>
        public const string FailurePath = "RaceFailurePath";

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

        /// <summary>Rewrite the UPDATE to compute in SQL: <c>SET c = c + @delta</c>.</summary>
        public const string AtomicUpdateFix = "AtomicUpdate";

        /// <summary>Lock the row the SELECT reads (inside the transaction the statements already run in).</summary>
        public const string LockRowFix = "LockRow";

        /// <summary>"postgres", "mysql" or "sqlserver": how a row lock is written.</summary>
        public const string Dialect = "RaceDialect";

        /// <summary>Turn the INSERT into the claim (ON CONFLICT DO NOTHING) where the existence check was, and test its row count.</summary>
        public const string ClaimInsertFix = "ClaimInsert";

        /// <summary>How RACE005's fix opens the transaction around claim and work: <see cref="AsyncTransaction"/> or <see cref="SyncTransaction"/>; absent when the statements already run in one.</summary>
        public const string TransactionKind = "RaceTransactionKind";
        public const string AsyncTransaction = "async";
        public const string SyncTransaction = "sync";

        /// <summary>The connection expression the transaction is begun on (<c>db</c>).</summary>
        public const string Connection = "RaceConnection";

        /// <summary>Comma-separated start positions of the calls between the check and the insert (the insert included) that get the transaction.</summary>
        public const string WorkCalls = "RaceWorkCalls";

        /// <summary>RACE009: <c>d[k] = d[k] ± x</c> becomes <c>d.AddOrUpdate(k, ±x, (_, current) =&gt; current ± x)</c>.</summary>
        public const string AddOrUpdateFix = "AddOrUpdate";

        /// <summary>RACE009: <c>if (!d.ContainsKey(k)) d[k] = e;</c> becomes <c>d.GetOrAdd(k, _ =&gt; e);</c>.</summary>
        public const string GetOrAddFix = "GetOrAdd";

        /// <summary>RACE009: <c>if (!d.TryGetValue(k, out var v)) { v = e; d[k] = v; }</c> becomes <c>var v = d.GetOrAdd(k, _ =&gt; e);</c>.</summary>
        public const string GetOrAddOutFix = "GetOrAddOut";

        /// <summary>Start position of the existence check's call (RACE005), or of the <c>if</c> that checks the entry (RACE009).</summary>
        public const string CheckStart = "RaceCheckStart";

        /// <summary>The SET column and the parameter it was set to.</summary>
        public const string Column = "RaceColumn";
        public const string Parameter = "RaceParameter";

        /// <summary>"+" or "-": how the written value was computed from the read one.</summary>
        public const string Operator = "RaceOperator";

        /// <summary>Span of the expression added to or subtracted from the read value.</summary>
        public const string DeltaStart = "RaceDeltaStart";
        public const string DeltaEnd = "RaceDeltaEnd";

        /// <summary>Start of the string literal holding the UPDATE's SET clause.</summary>
        public const string SqlLiteralStart = "RaceSqlLiteralStart";

        /// <summary>Start of the <c>if</c> that checks the read value before the UPDATE (RACE004's guard), when there is one.</summary>
        public const string GuardStart = "RaceGuardStart";

        /// <summary>The guard's success condition in SQL, with <c>{column}</c> and <c>{delta}</c> placeholders.</summary>
        public const string GuardCondition = "RaceGuardCondition";

        /// <summary>Start of what binds the parameter: the anonymous-object member, or the AddWithValue call.</summary>
        public const string BindingStart = "RaceBindingStart";

        /// <summary>Start position of the acquiring call.</summary>
        public const string AcquireStart = "RaceAcquireStart";

        /// <summary>End position of the last use after the release, when there is one.</summary>
        public const string LastUseEnd = "RaceLastUseEnd";

        /// <summary>RACE012: the Monitor's private object field becomes a SemaphoreSlim(1, 1); every Enter, Exit and lock on it becomes Wait/WaitAsync … Release in a finally.</summary>
        public const string SemaphoreForMonitorFix = "SemaphoreForMonitor";

        /// <summary>Start of the field's variable declarator.</summary>
        public const string FieldStart = "RaceFieldStart";
    }
}
