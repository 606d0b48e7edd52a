namespace BrokerLocks
{
    /// <summary>A Raft message between cluster nodes.</summary>
    public sealed record RaftMessage(long Term, long From, long LeaderId, long CommitIndex);

    /// <summary>A committed log entry the node applies.</summary>
    public sealed record LogEntry(long Index, byte[] Payload);

    /// <summary>Told when the group commit has made entries durable up to an offset.</summary>
    public interface ICommitObserver
    {
        void OnCommitted(long offset);
    }
}
