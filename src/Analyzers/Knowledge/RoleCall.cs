using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>A call that plays a role a rule follows through calls (read, subscribe, persist, commit), and what it is about.</summary>
    internal sealed class RoleCall
    {
        public RoleCall(Role role, IEnumerable<IOperation> data, bool receiverIdentifiesStream, string description, IOperation? message = null)
        {
            Role = role;
            Data = data;
            ReceiverIdentifiesStream = receiverIdentifiesStream;
            Description = description;
            Message = message;
        }

        public Role Role { get; }

        /// <summary>The operands naming the entity: the Redis key or channel, the SQL text and parameters, the record written.</summary>
        public IEnumerable<IOperation> Data { get; }

        /// <summary>True when the same receiver object means the same stream (one hub connection).</summary>
        public bool ReceiverIdentifiesStream { get; }

        /// <summary>For messages: the channel text for subscriptions (<c>chat:stream:…</c>), the call for others.</summary>
        public string Description { get; }

        /// <summary>For commits and acks: the operand naming the message (the consume result, the delivery tag).</summary>
        public IOperation? Message { get; }
    }
}
