using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace BrokerLocks
{
    /// <summary>
    /// The Raft node: one lock over the state machine (the audit's raft_node), held by the message loop. The
    /// leader id is also published in an atomic, so the produce and fetch paths never take the lock.
    /// </summary>
    public sealed class RaftCluster : ICommitObserver
    {
        private readonly SemaphoreSlim _raftNode = new SemaphoreSlim(1, 1);
        private readonly HttpClient _peers;
        private readonly GroupCommit _groupCommit;
        private long _cachedLeaderId = -1;
        private long _term;
        private long _commitIndex;

        public RaftCluster(HttpClient peers, GroupCommit groupCommit)
        {
            _peers = peers;
            _groupCommit = groupCommit;
        }

        public long CachedLeaderId => Interlocked.Read(ref _cachedLeaderId);

        /// <summary>Steps the state machine for each message and answers the sender, one message at a time.</summary>
        public async Task RunMessageLoopAsync(ChannelReader<RaftMessage> inbox, CancellationToken cancellationToken)
        {
            await foreach (var message in inbox.ReadAllAsync(cancellationToken))
            {
                await _raftNode.WaitAsync(cancellationToken);
                try
                {
                    _term = Math.Max(_term, message.Term);
                    if (message.LeaderId >= 0)
                    {
                        Interlocked.Exchange(ref _cachedLeaderId, message.LeaderId);
                    }

                    var reply = new RaftMessage(_term, 0, Interlocked.Read(ref _cachedLeaderId), _commitIndex);
                    await _peers.PostAsJsonAsync($"/raft/{message.From}", reply, cancellationToken);
                }
                finally
                {
                    _raftNode.Release();
                }
            }
        }

        /// <summary>Applies a committed entry: advances the commit index and queues the payload for the next group commit.</summary>
        public async Task ApplyAsync(LogEntry entry, CancellationToken cancellationToken)
        {
            await _raftNode.WaitAsync(cancellationToken);
            try
            {
                _commitIndex = Math.Max(_commitIndex, entry.Index);
                await _groupCommit.AppendAsync(entry.Payload, cancellationToken); // RACE011: _raftNode → _pending here, _pending → _raftNode in GroupCommit.FlushAsync
            }
            finally
            {
                _raftNode.Release();
            }
        }

        public void OnCommitted(long offset)
        {
            _raftNode.Wait();
            try
            {
                _commitIndex = Math.Max(_commitIndex, offset);
            }
            finally
            {
                _raftNode.Release();
            }
        }
    }
}
