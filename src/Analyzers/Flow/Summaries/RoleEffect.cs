using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// One thing a method does that a rule cares about, seen from its callers: the role, which of the method's
    /// parameters and which fields name the entity, and where the innermost API call is.
    /// </summary>
    internal sealed class RoleEffect
    {
        public RoleEffect(Role role, ImmutableArray<int> parameters, ImmutableArray<int> messageParameters, ImmutableArray<ISymbol> members, int? receiverParameter, ISymbol? receiverMember, Location origin, CallDescription description, int depth)
        {
            Role = role;
            Parameters = parameters;
            MessageParameters = messageParameters;
            Members = members;
            ReceiverParameter = receiverParameter;
            ReceiverMember = receiverMember;
            Origin = origin;
            Description = description;
            Depth = depth;
        }

        public Role Role { get; }

        /// <summary>Ordinals of the parameters whose values flow into the key, channel or query.</summary>
        public ImmutableArray<int> Parameters { get; }

        /// <summary>For a commit: the parameters naming the committed message (a wrapper's <c>deliveryTag</c>).</summary>
        public ImmutableArray<int> MessageParameters { get; }

        /// <summary>Fields and properties that flow into it.</summary>
        public ImmutableArray<ISymbol> Members { get; }

        /// <summary>When the receiver identifies the stream (a hub connection): the parameter holding it.</summary>
        public int? ReceiverParameter { get; }

        /// <summary>When the receiver identifies the stream: the field or property holding it.</summary>
        public ISymbol? ReceiverMember { get; }

        /// <summary>The API call itself, however deep.</summary>
        public Location Origin { get; }

        public CallDescription Description { get; }

        /// <summary>Calls between the summarized method and the API call: 0 when the method makes it itself.</summary>
        public int Depth { get; }
    }
}
