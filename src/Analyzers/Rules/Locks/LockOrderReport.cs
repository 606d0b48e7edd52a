using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>
    /// RACE011: one diagnostic per step of a cycle (each end of a two-lock cycle), at the step's first inner
    /// acquisition (a nested take before a take through calls, then source order); the other steps' sites, then the
    /// step's other paths, are additional locations: one finding per end of a cycle however many paths close it.
    /// </summary>
    internal static class LockOrderReport
    {
        public static void Report(LockCycle cycle, Action<Diagnostic> report) => Report(cycle, report, new HashSet<Location>());

        /// <summary>
        /// As above, skipping steps whose site <paramref name="reported"/> already holds: cycles that share a step
        /// (two short ones and the long one through both) read as one finding there, the shortest cycle's, since
        /// cycles come shortest first. The set gains the sites reported.
        /// </summary>
        public static void Report(LockCycle cycle, Action<Diagnostic> report, HashSet<Location> reported)
        {
            var names = Names(cycle);
            for (var i = 0; i < cycle.Steps.Length; i++)
            {
                var others = new List<Location>();
                for (var j = 0; j < cycle.Steps.Length; j++)
                {
                    if (j != i)
                    {
                        others.Add(cycle.Steps[j][0].Site);
                    }
                }

                // A nested take the holder makes itself reads best; then source order.
                var paths = cycle.Steps[i].OrderBy(edge => edge.Through.IsEmpty ? 0 : 1)
                    .ThenBy(edge => edge.Site.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(edge => edge.Site.SourceSpan.Start).ToList();
                var first = paths[0];
                foreach (var path in paths.Skip(1))
                {
                    if (!others.Contains(path.Site) && path.Site != first.Site)
                    {
                        others.Add(path.Site);
                    }
                }

                if (reported.Add(first.Site))
                {
                    report(Diagnostic.Create(Descriptors.Race011LockOrderInversion, first.Site, others, names, Steps(cycle, i, first)));
                }
            }
        }

        /// <summary>Every step of the cycle, the reported one told by the edge at the diagnostic's own location.</summary>
        private static string Steps(LockCycle cycle, int reported, LockEdge edge)
        {
            var steps = string.Join("; ", cycle.Steps.Select((step, i) => Describe(i == reported ? edge : step[0])));
            return cycle.Steps.Length == 1 ? steps + ", and a call with the arguments the other way round takes them in the opposite order" : steps;
        }

        /// <summary>
        /// <c>_asks → _bids → _asks</c>; a transfer's pair reads <c>from → to</c>. When two different locks of the
        /// cycle would read the same (two types' <c>_lock</c>), each is named with its type: <c>Sender._lock</c>.
        /// </summary>
        public static string Names(LockCycle cycle)
        {
            var locks = cycle.Steps.Select(step => step[0].Outer).Append(cycle.Steps[cycle.Steps.Length - 1][0].Inner).ToList();
            var ambiguous = locks.Any(a => locks.Any(b => a.Display == b.Display && !a.Id.Equals(b.Id)));
            return string.Join(" → ", locks.Select(held => ambiguous && held.Id.Member != null ? held.Id.Label : held.Display));
        }

        /// <summary>'OrderBook.Match' takes _bids while holding _asks (OrderBook.cs:14).</summary>
        public static string Describe(LockEdge edge)
        {
            var through = edge.Through.IsEmpty ? string.Empty : " through " + string.Join(" → ", edge.Through.Select(Name));
            return "'" + edge.Holder.ContainingType.Name + "." + edge.Holder.Name + "' takes " + edge.Inner.Display + through
                   + " while holding " + edge.Outer.Display + " (" + Where(edge.Site) + ")";
        }

        /// <summary><c>'Scene.Trigger'</c>; a lambda (an event's subscriber) as <c>a lambda in 'Target.Write'</c>.</summary>
        private static string Name(IMethodSymbol method)
            => method.MethodKind == MethodKind.AnonymousFunction && method.ContainingSymbol is IMethodSymbol outer
                ? "a lambda in " + Name(outer)
                : "'" + method.ContainingType.Name + "." + method.Name + "'";

        public static string Where(Location location)
        {
            var span = location.GetLineSpan();
            return System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
        }
    }
}
