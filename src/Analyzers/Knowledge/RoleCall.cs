using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>A call that plays a role a rule follows through calls (read, subscribe, persist, commit), and what it is about.</summary>
    internal sealed class RoleCall
    {
        public RoleCall(Role role, IEnumerable<IOperation> data, bool receiverIdentifiesStream, CallDescription description, IOperation? message = null, IOperation? connection = null)
        {
            Role = role;
            Data = data;
            ReceiverIdentifiesStream = receiverIdentifiesStream;
            Description = description;
            Message = message;
            Connection = connection;
        }

        public Role Role { get; }

        /// <summary>The operands naming the entity: the Redis key or channel, the SQL text and parameters, the record written.</summary>
        public IEnumerable<IOperation> Data { get; }

        /// <summary>True when the same receiver object means the same stream (one hub connection).</summary>
        public bool ReceiverIdentifiesStream { get; }

        /// <summary>For messages: the channel text for subscriptions (<c>chat:stream:…</c>), the call for others.</summary>
        public CallDescription Description { get; }

        /// <summary>For commits and acks: the operand naming the message (the consume result, the delivery tag).</summary>
        public IOperation? Message { get; }

        /// <summary>
        /// For PostgreSQL LISTEN and the SQL reads it pairs with: the operand the connection comes from (the command,
        /// or Dapper's connection argument). Notifications and reads on one connection or data source are about the
        /// same data whatever the channel is called.
        /// </summary>
        public IOperation? Connection { get; }
    }
}
