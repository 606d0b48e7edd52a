using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>Every diagnostic the package reports: its message and description; the rest comes from its <see cref="RuleRecord"/>.</summary>
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor Race000InvalidOption = Create(
            RuleIds.Race000,
            "{0}",
            "A race_analyzers.* setting in .editorconfig that the analyzers cannot use: an unknown key, a method that is not in the compilation or is named without its namespace, a number out of range, a word that cannot open a method name. The setting is ignored, so the detection it was meant to turn on stays off.");

        public static readonly DiagnosticDescriptor Race001ReturnedBeforeDependentUse = Create(
            RuleIds.Race001,
            "'{0}' is returned to its pool by '{1}' but used afterwards by '{2}' (line {3}); another thread may already own it",
            "A resource given back to a pool belongs to the next caller at once. Any later use of it, or of the message or session the work was done with, races with that caller: acknowledgements vanish and buffers are overwritten. Return it after its last use, in a finally block.");

        public static readonly DiagnosticDescriptor Race001LentBufferOutlivesCallback = Create(
            RuleIds.Race001,
            "'{0}' is lent by the client only until '{1}' returns, but work started here and not awaited still uses it in '{2}' (line {3}); the client takes the buffer back for the next delivery",
            "A delivery body handed to a consumer callback is memory the client rented for that delivery and takes back when the callback returns: returning from the callback returns the buffer. Work started with it and not awaited reads it after that, when it may hold the next message. Copy it (body.ToArray()) before handing it over, or await the work.");

        public static readonly DiagnosticDescriptor Race002NotReleasedOnException = Create(
            RuleIds.Race002,
            "'{0}' is released by '{1}' on the normal path only; an exception from '{2}' (line {3}) skips the release and leaks it",
            "A connection, session, semaphore slot or lock released only after the work succeeds is never released when the work throws: the pool runs dry or every later caller waits forever. Release it in a finally block that starts right after the acquisition.");

        public static readonly DiagnosticDescriptor Race002AcquiredInsideTry = Create(
            RuleIds.Race002,
            "'{0}' is acquired by '{1}' inside the try block whose finally releases it; if the acquisition fails to take the slot (it throws, is cancelled, or a tested take returns false), the finally releases a slot that was never taken",
            "Acquiring inside the try makes the finally run even when the acquisition itself failed, releasing what this code never held and letting one more caller in than the limit allows. Acquire before the try.");

        public static readonly DiagnosticDescriptor Race002LeftWithoutRelease = Create(
            RuleIds.Race002,
            "'{0}' is acquired by '{1}' but the path that leaves at '{2}' (line {3}) returns without releasing it; every later caller waits for a slot no one gives back",
            "A method that releases what it acquired on some paths must release it on all of them: an early return or break between the acquisition and the try that releases (a cache hit, an 'already initialized' check) keeps the slot or lock for good. Acquire right before the try, or release before leaving.");

        public static readonly DiagnosticDescriptor Race002ThrowBeforeTheTry = Create(
            RuleIds.Race002,
            "'{0}' is released by '{1}' in a finally, but its try starts after '{2}' (line {3}), which can throw after the acquisition and skip the release",
            "A finally releases only what was acquired before its try began: work between the acquisition and the try (a computation, a log call that formats, an awaited lookup) that throws leaves the slot or lock taken for good. Start the try right after the acquisition.");

        public static readonly DiagnosticDescriptor Race002ThrowBeforeHandOff = Create(
            RuleIds.Race002,
            "'{0}' is acquired by '{1}' and handed to '{2}' (line {3}), which releases it when disposed, but '{4}' (line {5}) can throw before the hand-off; nothing releases it then",
            "A method that takes a semaphore or lock and hands it to a releaser object for its caller to dispose owns it until the hand-off: an exception between the acquisition and the hand-off (a failed lookup, a refresh that throws) leaves it taken for good, and every later caller waits. Release it in a catch that rethrows around the work before the hand-off.");

        public static readonly DiagnosticDescriptor Race003SnapshotReadBeforeSubscribe = Create(
            RuleIds.Race003,
            "Subscription to '{0}' starts after the snapshot read '{1}' at line {2}; messages published in between are lost. Subscribe first, then read, and de-duplicate.",
            "A live channel such as Redis Pub/Sub, PostgreSQL LISTEN or a SignalR handler keeps nothing for subscribers that are not there yet. Reading the current state first and subscribing afterwards leaves a window in which updates reach no one. Subscribe first, then read the snapshot, and drop duplicates by id or sequence.");

        public static readonly DiagnosticDescriptor Race004NonAtomicReadModifyWrite = Create(
            RuleIds.Race004,
            "'{0}' sets {1} to a value computed in code from what '{2}' (line {3}) read; a concurrent update in between is lost. Compute it in SQL ({4} = {4} {5} @delta) or lock the row.",
            "Reading a column, computing a new value in code and writing it back loses every update another transaction makes between the read and the write: two handlers read 100, one writes 110, the other 95, and the stock ends at 95. Let the database compute (SET c = c + @delta), compare-and-set against the old value or a version, lock the row (SELECT … FOR UPDATE in a transaction), or use SERIALIZABLE.");

        public static readonly DiagnosticDescriptor Race005NonAtomicCheckThenInsert = Create(
            RuleIds.Race005,
            "'{0}' inserts into {1} only after the existence check '{2}' (line {3}) found nothing; two concurrent deliveries both pass the check. Claim the key in the INSERT itself (ON CONFLICT DO NOTHING) and act on the affected-row count.",
            "Checking whether a row exists and inserting it later is two statements: two deliveries of the same event both see no row, both insert (or one fails on the key), and both apply their effect. Make the insert the claim: INSERT … ON CONFLICT DO NOTHING (or WHERE NOT EXISTS, or MERGE) and do the guarded work only when it inserted a row.");

        public static readonly DiagnosticDescriptor Race006CommittedBeforePersist = Create(
            RuleIds.Race006,
            "'{0}' marks the message done before '{1}' (line {2}) persists it; if the process stops or the write fails in between, the broker never redelivers it. Commit after persisting.",
            "Committing a Kafka offset, acking a RabbitMQ delivery or completing a Service Bus message tells the broker the message is handled. Doing so before the database write it stands for turns a crash or a failed write into silent loss: nothing redelivers the message. Persist first, then commit.");

        public static readonly DiagnosticDescriptor Race007CommittedWhenPersistFails = Create(
            RuleIds.Race007,
            "'{0}' also runs when '{1}' (line {2}) throws: it sits in a finally block or after a catch that swallows the failure, so a failed write is committed as done. Commit only after a successful write, or dead-letter the message first.",
            "A commit in a finally block, or after a catch that logs and carries on, marks the message handled even though its write failed. The broker never redelivers it. Commit inside the try after the write, or persist the message elsewhere on the failure path (a dead-letter topic, an error exchange or table) before committing.");

        public static readonly DiagnosticDescriptor Race007LaterCommitCoversFailure = Create(
            RuleIds.Race007,
            "'{1}' (line {2}) can fail and the catch lets the loop go on: the next message's '{0}' commits an offset past the failed one, so Kafka never delivers it again. Seek back to the failed offset in the catch, rethrow, or dead-letter the message first.",
            "Kafka commits one offset per partition, and committing a message commits every message before it. A consume loop whose catch logs a failed write and goes on to the next message commits that message's offset, and with it the failed one: after a restart or rebalance the failed message is never read again. Seek the consumer back to the failed message's offset in the catch (the next Consume returns it again), rethrow, stop, or persist the message elsewhere (a dead-letter topic or table) before going on.");

        public static readonly DiagnosticDescriptor Race008TrackedEntityLostUpdate = Create(
            RuleIds.Race008,
            "'{0}' saves {1}, set from its old value by '{2}' (line {3}) after '{4}' (line {5}) loaded it; a concurrent save in between is overwritten. Update it in one statement (ExecuteUpdate) or make {6} a concurrency token.",
            "EF Core writes back the values a tracked entity holds, in an UPDATE whose WHERE names only the key: two requests that load stock 5, subtract 1 and save both write 4. Unless the property is a concurrency token or the entity has a row version ([ConcurrencyCheck], [Timestamp], IsConcurrencyToken(), IsRowVersion(), Npgsql's xmin), the second save overwrites the first. Update in one statement (ExecuteUpdate with SetProperty(p => p.Stock, p => p.Stock - qty)), make the property a concurrency token and retry on DbUpdateConcurrencyException, load with FOR UPDATE in a transaction, or use SERIALIZABLE.");

        public static readonly DiagnosticDescriptor Race009CheckThenActOnConcurrentCollection = Create(
            RuleIds.Race009,
            "'{0}' writes an entry of {1} that '{2}' (line {3}) read before; another thread can change it in between and its write is lost. Do both in one call: {4}.",
            "Every call on a ConcurrentDictionary is atomic, but two calls are two steps: a ContainsKey, TryGetValue or indexer read followed by a write of the same key lets another thread add, change or remove the entry in between. Counters lose increments, caches create two values and hand out both. Use one atomic call: GetOrAdd, AddOrUpdate, or a TryUpdate compare-and-set loop; or do both steps under one lock.");

        public static readonly DiagnosticDescriptor Race010AcknowledgedOnDelivery = Create(
            RuleIds.Race010,
            "'{0}' consumes with autoAck: true, so the broker forgets each message when it delivers it, before '{1}' (line {2}) persists it; a crash or a failure in the handler loses the message. Consume with autoAck: false and ack after the write.",
            "With automatic acknowledgement the broker counts a message as done the moment it sends it. If the process stops, or the handler fails before its write, the message is gone: the client-configuration form of acknowledging before persisting. Consume with autoAck: false, ack in the handler after the write, and nack with requeue (or dead-letter) on failure.");

        public static readonly DiagnosticDescriptor Race010OffsetStoredOnDelivery = Create(
            RuleIds.Race010,
            "'{0}' reads from a consumer whose ConsumerConfig leaves EnableAutoOffsetStore and EnableAutoCommit on: the offset is stored when the message is delivered and committed in the background, before '{1}' (line {2}) persists it; a crash in between loses the message. Set EnableAutoOffsetStore = false and call StoreOffset(result) after the write.",
            "With Confluent.Kafka's defaults, Consume stores each message's offset as it returns the message, and auto-commit commits stored offsets every few seconds, whatever the code has done with them. A crash or a failed write after the commit loses the message: the client-configuration form of committing before persisting. Turn the automatic store off (EnableAutoOffsetStore = false) and store the offset yourself after the write (consumer.StoreOffset(result)); auto-commit then commits only handled messages.");

        public static readonly DiagnosticDescriptor Race010StoreOffsetRejected = Create(
            RuleIds.Race010,
            "'{0}' stores an offset on a consumer whose ConsumerConfig leaves EnableAutoOffsetStore on: the client stores every offset at delivery already and rejects this call. Set EnableAutoOffsetStore = false in the config.",
            "StoreOffset is how a consumer marks a message handled when the automatic store is off. With EnableAutoOffsetStore at its default (true) every offset is stored as it is delivered, before it is handled, and Confluent.Kafka rejects StoreOffset with an invalid-argument error. Set EnableAutoOffsetStore = false where the consumer is configured.");

        public static readonly DiagnosticDescriptor Race011LockOrderInversion = Create(
            RuleIds.Race011,
            "Locks are taken in a cycle, {0}: {1}; threads on these paths can each hold one lock and wait for the next forever",
            "Two paths that take the same locks in different orders deadlock when they run at once: each holds the lock the other waits for. The cycle can span methods, classes and calls through interfaces, and two parameters of one type locked in argument order (the account-transfer deadlock) form a cycle with itself. Take the locks in one global order everywhere (by field, or by an id or key comparison for instances), take one lock at a time, or replace the nesting with a single lock.");

        public static readonly DiagnosticDescriptor Race012ThreadAffineLockAcrossAwait = Create(
            RuleIds.Race012,
            "'{0}' is taken by '{1}' (line {2}) and owned by the thread that took it; this await can resume on another thread, where '{3}' throws SynchronizationLockException or leaves '{0}' held by a thread that will never release it. Use a SemaphoreSlim(1, 1): await WaitAsync(), and Release() in a finally.",
            "Monitor, ReaderWriterLockSlim, Mutex and SpinLock belong to the thread that entered them. An await while one is held may continue on a thread-pool thread: the exit then throws SynchronizationLockException (the lock stays held and every later caller blocks), or, for a Mutex, the lock is abandoned. The compiler rejects await inside lock and Lock scopes only; ConfigureAwait(false) does not help. Use SemaphoreSlim(1, 1), which no thread owns: await WaitAsync() before the try, Release() in the finally.");

        public static readonly DiagnosticDescriptor Race013NonReentrantLockTakenAgain = Create(
            RuleIds.Race013,
            "'{0}' is taken again by '{1}' while '{2}' (line {3}) still holds it{4}; {5}",
            "A SemaphoreSlim(1, 1) has one slot and no owner: a path that already holds it and waits for it again waits for itself forever. A ReaderWriterLockSlim made without SupportsRecursion refuses a write lock under its own read lock and a second write lock, with LockRecursionException (the read-to-write upgrade deadlock when it is done by two threads). SpinLock never re-enters. Release before taking it again, pass the held state to the inner code, split the inner method into a locked entry point and an unlocked core, or use an upgradeable read lock.");

        public static readonly DiagnosticDescriptor Race014UnreadableBaseline = Create(
            RuleIds.Race014,
            "The RaceAnalyzers baseline '{0}' cannot be used: {1}. No finding is suppressed by it.",
            "The baseline (race-baseline.json, or the file the RaceAnalyzersBaseline property names) lists the findings a code base had when it was adopted, and the build suppresses exactly those. A file that cannot be read or parsed suppresses nothing, so every baselined finding is reported again. Write it anew with race-audit --write-baseline, or repair the JSON.");

        public static readonly DiagnosticDescriptor Race015FixedInBaseline = Create(
            RuleIds.Race015,
            "{0} in {1} ({2} when the baseline was written) is no longer reported: fixed, {3}",
            "The baseline lists a finding the code no longer has: it was fixed, or the member was renamed or removed. Remove the entry (or lower its count) so the baseline only shrinks and a race written there later is not suppressed by it. race-audit --write-baseline writes the file anew from what is found now.");

        private static DiagnosticDescriptor Create(string id, string messageFormat, string description)
        {
            var rule = RuleRecords.Get(id);
            return new DiagnosticDescriptor(
                id,
                rule.Title,
                messageFormat,
                rule.Category,
                rule.DefaultSeverity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: rule.HelpLinkUri,
                customTags: rule.CompilationEnd ? Append(rule.CweTags, WellKnownDiagnosticTags.CompilationEnd) : rule.CweTags);
        }

        private static string[] Append(string[] tags, string tag)
        {
            var all = new string[tags.Length + 1];
            tags.CopyTo(all, 0);
            all[tags.Length] = tag;
            return all;
        }
    }
}
