namespace RaceAnalyzers.Knowledge
{
    /// <summary>How one acquire or release method handles its resource.</summary>
    internal sealed class PoolApi
    {
        public PoolApi(Role role, ResourceKind kind, ResourceBinding binding, string pairKey, bool usesTakenFlag = false)
        {
            Role = role;
            Kind = kind;
            Binding = binding;
            PairKey = pairKey;
            UsesTakenFlag = usesTakenFlag;
        }

        public Role Role { get; }
        public ResourceKind Kind { get; }
        public ResourceBinding Binding { get; }

        /// <summary>Acquires and releases pair up only when their keys are equal (read lock with read unlock).</summary>
        public string PairKey { get; }

        /// <summary><c>Monitor.Enter(obj, ref taken)</c>: the finally checks the flag, so entering inside the try is correct.</summary>
        public bool UsesTakenFlag { get; }

        public PoolApi WithKind(ResourceKind kind) => new PoolApi(Role, kind, Binding, PairKey, UsesTakenFlag);

        public bool Pairs(PoolApi other) => Kind == other.Kind && PairKey == other.PairKey && Role != other.Role;
    }
}
