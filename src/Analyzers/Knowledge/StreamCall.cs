using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>A call that reads a snapshot or starts a live subscription, and what it is about.</summary>
    internal sealed class StreamCall
    {
        public StreamCall(Role role, IEnumerable<IOperation> data, bool receiverIdentifiesStream, string description)
        {
            Role = role;
            Data = data;
            ReceiverIdentifiesStream = receiverIdentifiesStream;
            Description = description;
        }

        /// <summary><see cref="Role.SnapshotRead"/> or <see cref="Role.Subscribe"/>.</summary>
        public Role Role { get; }

        /// <summary>The operands naming the entity: the Redis key or channel, the SQL text and parameters, the hub method.</summary>
        public IEnumerable<IOperation> Data { get; }

        /// <summary>True when the same receiver object means the same stream (one hub connection).</summary>
        public bool ReceiverIdentifiesStream { get; }

        /// <summary>For messages: the channel text for subscriptions (<c>chat:stream:…</c>), the call for reads.</summary>
        public string Description { get; }
    }
}
