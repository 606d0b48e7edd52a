namespace RaceAnalyzers
{
    /// <summary>The part a method plays in the orderings the rules check. Rules ask for roles, never for names.</summary>
    internal enum Role
    {
        None,
        /// <summary>Takes a resource: a pool rental, a lock or semaphore entry.</summary>
        Acquire,
        /// <summary>Gives a resource back: a pool return, a lock or semaphore exit.</summary>
        Release,
        /// <summary>Settles the unit of work over the connection or session it used: ack, nack, reject, complete, commit.</summary>
        DependentUse,
        /// <summary>Sends, flushes or executes: depends on a connection when called on an object built on it.</summary>
        DependentIo,
        /// <summary>Logging and metrics: reading a value for them never depends on owning it.</summary>
        Telemetry,
        /// <summary>Reads the current state once: a Redis read, a SQL query, a hub state fetch.</summary>
        SnapshotRead,
        /// <summary>Starts a live subscription that keeps nothing sent before it: Redis Pub/Sub, PostgreSQL LISTEN, SignalR On.</summary>
        Subscribe,
        /// <summary>Tells the broker a message is done: a Kafka offset commit or store, a RabbitMQ ack, a Service Bus completion.</summary>
        Commit,
        /// <summary>Makes a message's effect durable: a database write, a Redis write, a produce or publish elsewhere.</summary>
        Persist,
        /// <summary>Takes an in-house lock (configured): what the lock-order rules follow.</summary>
        Lock,
        /// <summary>Gives an in-house lock back (configured).</summary>
        Unlock,
    }

    /// <summary>What a pooled or locked resource is; decides which rules apply to it.</summary>
    internal enum ResourceKind
    {
        /// <summary><c>ArrayPool&lt;T&gt;</c> arrays: a late return only costs a reuse, a use after return corrupts data.</summary>
        Buffer,
        /// <summary><c>ObjectPool&lt;T&gt;</c> objects: like buffers, unless the object is itself a connection or session.</summary>
        PooledObject,
        /// <summary>In-house and configured pools of connections, sessions, channels: leaks exhaust the pool.</summary>
        Connection,
        /// <summary>Semaphores, monitors, reader/writer locks, mutexes: a leak deadlocks every later caller.</summary>
        Lock,
    }

    /// <summary>Where the resource is named in an acquire or release call.</summary>
    internal enum ResourceBinding
    {
        /// <summary>The acquire returns the resource; the release takes it as its first argument (pools).</summary>
        Result,
        /// <summary>The receiver is the resource (<c>semaphore.Wait()</c> / <c>semaphore.Release()</c>).</summary>
        Receiver,
        /// <summary>The first argument is the resource (<c>Monitor.Enter(gate)</c> / <c>Monitor.Exit(gate)</c>).</summary>
        FirstArgument,
    }
}
