using System;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// The conservative convention for in-house pools: a type whose name ends in "Pool" and that declares both
    /// halves of one of these pairs (sync or Async) is a pool of connections or sessions.
    /// </summary>
    internal static class PoolShapes
    {
        private static readonly (string Acquire, string Release)[] Pairs =
        {
            ("Get", "Return"),
            ("Rent", "Return"),
            ("Lease", "Return"),
            ("Borrow", "Return"),
            ("Acquire", "Release"),
            ("Checkout", "Checkin"),
            ("CheckOut", "CheckIn"),
            ("GetConnection", "ReturnConnection"),
        };

        /// <summary>True for the release half of a pair (sync or Async): what an in-house pool's release can be named.</summary>
        public static bool IsReleaseName(string name)
        {
            name = MethodNames.WithoutAsyncSuffix(name);
            foreach (var (_, release) in Pairs)
            {
                if (name == release)
                {
                    return true;
                }
            }

            return false;
        }

        public static PoolApi? Classify(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type == null || !type.Name.EndsWith("Pool", StringComparison.Ordinal))
            {
                return null;
            }

            var name = MethodNames.WithoutAsyncSuffix(method.Name);
            foreach (var (acquire, release) in Pairs)
            {
                if (name == acquire && Declares(type, release))
                {
                    return ForSignature(method, Role.Acquire, KindOf(type, acquire), acquire + "/" + release);
                }

                if (name == release && Declares(type, acquire))
                {
                    return ForSignature(method, Role.Release, KindOf(type, acquire), acquire + "/" + release);
                }
            }

            return null;
        }

        /// <summary>A pool whose take makes a new object when it is empty only saves allocations (see <see cref="ReuseOnlyPools"/>).</summary>
        private static ResourceKind KindOf(INamedTypeSymbol pool, string acquireName)
            => ReuseOnlyPools.IsReuseOnly(pool, acquireName) ? ResourceKind.PooledObject : ResourceKind.Connection;

        /// <summary>Acquires that return something and releases that take something work on that value; others on the receiver.</summary>
        public static PoolApi ForSignature(IMethodSymbol method, Role role, ResourceKind kind, string pairKey)
        {
            var binding = role == Role.Acquire
                ? (ReturnsValue(method) ? ResourceBinding.Result : ResourceBinding.Receiver)
                : (method.Parameters.Length > 0 ? ResourceBinding.Result : ResourceBinding.Receiver);
            return new PoolApi(role, kind, binding, pairKey + ":" + binding);
        }

        private static bool ReturnsValue(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return false;
            }

            // Task / ValueTask without a result returns nothing to hold.
            return !WellKnownTypes.IsTaskType(method.ReturnType, withResult: false);
        }

        private static bool Declares(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (HasMember(current, name))
                {
                    return true;
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                if (HasMember(iface, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasMember(INamedTypeSymbol type, string name)
            => !type.GetMembers(name).IsEmpty || !type.GetMembers(name + "Async").IsEmpty;
    }
}
