using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RaceAnalyzers.Flow.Locks;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>A cycle of the lock-order graph: for each lock, the edges on which it is held while the next is taken.</summary>
    internal sealed class LockCycle
    {
        public LockCycle(ImmutableArray<ImmutableArray<LockEdge>> steps)
        {
            Steps = steps;
        }

        /// <summary>One entry per lock of the cycle, in order; each holds every edge that takes the next lock while holding this one.</summary>
        public ImmutableArray<ImmutableArray<LockEdge>> Steps { get; }

        /// <summary><c>_asks → _bids → _asks</c>.</summary>
        public string Names => string.Join(" → ", Steps.Select(step => step[0].Outer.Id.Name)) + " → " + Steps[0][0].Outer.Id.Name;
    }

    /// <summary>
    /// Finds the cycles of the "taken while holding" graph: strongly connected components first (linear in the
    /// edges), then the simple cycles inside each, shortest first and bounded, since real lock graphs are small
    /// and one reported cycle per set of locks is what a reader can act on. A cycle counts only when every wait
    /// on it can last forever: each lock is taken blocking, in a mode the holder's mode excludes (two readers of a
    /// reader/writer lock do not wait for each other).
    /// </summary>
    internal static class LockCycles
    {
        private const int MaxLength = 8;
        private const int MaxCyclesPerComponent = 32;

        public static ImmutableArray<LockCycle> Find(IEnumerable<LockEdge> allEdges)
        {
            var byPair = new Dictionary<(string From, string To), List<LockEdge>>();
            foreach (var edge in allEdges)
            {
                if (!edge.Blocks)
                {
                    continue;
                }

                var pair = (edge.Outer.Id.Key, edge.Inner.Id.Key);
                if (!byPair.TryGetValue(pair, out var list))
                {
                    byPair[pair] = list = new List<LockEdge>();
                }

                list.Add(edge);
            }

            foreach (var list in byPair.Values)
            {
                list.Sort(CompareBySite);
            }

            var successors = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var (from, to) in byPair.Keys)
            {
                if (!successors.TryGetValue(from, out var next))
                {
                    successors[from] = next = new SortedSet<string>(StringComparer.Ordinal);
                }

                next.Add(to);
            }

            var cycles = ImmutableArray.CreateBuilder<LockCycle>();
            foreach (var component in StronglyConnected(successors))
            {
                foreach (var nodes in SimpleCycles(component, successors))
                {
                    var cycle = Steps(nodes, byPair);
                    if (cycle != null)
                    {
                        cycles.Add(cycle);
                    }
                }
            }

            return cycles.ToImmutable();
        }

        /// <summary>The edges of each step that can deadlock with the steps beside it, or null when no choice can.</summary>
        private static LockCycle? Steps(IReadOnlyList<string> nodes, Dictionary<(string, string), List<LockEdge>> byPair)
        {
            var steps = new List<LockEdge>[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                steps[i] = byPair[(nodes[i], nodes[(i + 1) % nodes.Count])];
            }

            // An edge stays when some edge of the next step holds its inner lock in a mode that excludes it.
            var kept = ImmutableArray.CreateBuilder<ImmutableArray<LockEdge>>();
            for (var i = 0; i < steps.Length; i++)
            {
                var next = steps[(i + 1) % steps.Length];
                var fitting = steps[i].Where(edge => next.Any(after => LockEdge.Excludes(after.Outer.Mode, edge.Inner.Mode))).ToImmutableArray();
                if (fitting.IsEmpty)
                {
                    return null;
                }

                kept.Add(fitting);
            }

            return CanClose(kept) ? new LockCycle(kept.ToImmutable()) : null;
        }

        /// <summary>
        /// Whether the cycle can close on real objects. Every instance of a field is one node, so a cycle may need
        /// the object a lock is taken on at its end to be the one it started from. That is the same object when every
        /// step stays on it, or plausible through two or more references to other objects (a book and the ledger that
        /// points back at it). One reference away and back would need an object to refer to itself, and steps that only
        /// go down a composite (a wrapper to the target it wraps, a group to its members) would need the composite to
        /// contain itself: neither is reported. Nor is a cycle with a step that only goes from one object to another of
        /// the same type. Cycles through a static lock, and swapped arguments, always close.
        /// </summary>
        private static bool CanClose(IReadOnlyList<ImmutableArray<LockEdge>> steps)
        {
            if (steps.Any(step => step.Any(edge => edge.IsSwap || edge.Outer.Id.IsGlobal || edge.Inner.Id.IsGlobal)))
            {
                return true;
            }

            // A step that only reaches another object of the holder's own type (a connector closing the pool's idle
            // connectors, a cancel request on a new connector) needs that object to be the one the cycle started
            // from: nothing in the code says it can be, as nothing does for the same field of two instances.
            if (steps.Any(step => step.All(edge => edge.ReachesAnotherOfItsType)))
            {
                return false;
            }

            var allSame = steps.All(step => step.Any(edge => edge.Hop == LockHop.Same));
            var toOthers = steps.Count(step => step.Any(edge => edge.Hop == LockHop.Other));
            return allSame || toOthers >= 2;
        }

        private static int CompareBySite(LockEdge a, LockEdge b)
        {
            var byPath = string.CompareOrdinal(a.Site.SourceTree?.FilePath, b.Site.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.Site.SourceSpan.Start.CompareTo(b.Site.SourceSpan.Start);
        }

        /// <summary>Tarjan's algorithm, iterative; components with a single node count only with a self-loop.</summary>
        private static List<List<string>> StronglyConnected(Dictionary<string, SortedSet<string>> successors)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var components = new List<List<string>>();
            var counter = 0;

            foreach (var root in successors.Keys.OrderBy(key => key, StringComparer.Ordinal))
            {
                if (index.ContainsKey(root))
                {
                    continue;
                }

                var work = new Stack<(string Node, IEnumerator<string> Next)>();
                Open(root);
                while (work.Count > 0)
                {
                    var (node, next) = work.Peek();
                    if (next.MoveNext())
                    {
                        var successor = next.Current;
                        if (!index.ContainsKey(successor))
                        {
                            Open(successor);
                        }
                        else if (onStack.Contains(successor))
                        {
                            low[node] = Math.Min(low[node], index[successor]);
                        }

                        continue;
                    }

                    work.Pop();
                    if (work.Count > 0)
                    {
                        var parent = work.Peek().Node;
                        low[parent] = Math.Min(low[parent], low[node]);
                    }

                    if (low[node] == index[node])
                    {
                        var component = new List<string>();
                        string member;
                        do
                        {
                            member = stack.Pop();
                            onStack.Remove(member);
                            component.Add(member);
                        }
                        while (member != node);

                        if (component.Count > 1 || (successors.TryGetValue(node, out var own) && own.Contains(node)))
                        {
                            component.Sort(StringComparer.Ordinal);
                            components.Add(component);
                        }
                    }
                }

                void Open(string node)
                {
                    index[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack.Add(node);
                    var next = successors.TryGetValue(node, out var found) ? found : new SortedSet<string>(StringComparer.Ordinal);
                    work.Push((node, next.GetEnumerator()));
                }
            }

            return components;
        }

        /// <summary>
        /// Simple cycles inside one component, each once (it starts at its smallest node), found by a depth-first
        /// search that only visits nodes after the start; bounded in length and count.
        /// </summary>
        private static IEnumerable<IReadOnlyList<string>> SimpleCycles(List<string> component, Dictionary<string, SortedSet<string>> successors)
        {
            var members = new HashSet<string>(component, StringComparer.Ordinal);
            var found = new List<IReadOnlyList<string>>();
            foreach (var start in component)
            {
                var path = new List<string> { start };
                Search(start, start, path, members, successors, found);
                if (found.Count >= MaxCyclesPerComponent)
                {
                    break;
                }
            }

            return found.OrderBy(cycle => cycle.Count);
        }

        private static void Search(string start, string node, List<string> path, HashSet<string> members, Dictionary<string, SortedSet<string>> successors, List<IReadOnlyList<string>> found)
        {
            if (!successors.TryGetValue(node, out var next))
            {
                return;
            }

            foreach (var successor in next)
            {
                if (found.Count >= MaxCyclesPerComponent)
                {
                    return;
                }

                if (successor == start)
                {
                    found.Add(path.ToArray());
                }
                else if (members.Contains(successor) && path.Count < MaxLength && string.CompareOrdinal(successor, start) > 0 && !path.Contains(successor))
                {
                    path.Add(successor);
                    Search(start, successor, path, members, successors, found);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }
}
