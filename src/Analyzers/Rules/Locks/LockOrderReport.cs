using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Rules.Locks
{
    /// <summary>RACE011: one diagnostic per edge of a cycle, at its inner acquisition, with the other steps as additional locations.</summary>
    internal static class LockOrderReport
    {
        public static void Report(LockCycle cycle, Action<Diagnostic> report)
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

                foreach (var edge in cycle.Steps[i])
                {
                    report(Diagnostic.Create(Descriptors.Race011LockOrderInversion, edge.Site, others, names, Steps(cycle, i, edge)));
                }
            }
        }

        /// <summary>Every step of the cycle, the reported one told by the edge at the diagnostic's own location.</summary>
        private static string Steps(LockCycle cycle, int reported, LockEdge edge)
        {
            var steps = string.Join("; ", cycle.Steps.Select((step, i) => Describe(i == reported ? edge : step[0])));
            return cycle.Steps.Length == 1 ? steps + ", and a call with the arguments the other way round takes them in the opposite order" : steps;
        }

        /// <summary><c>_asks → _bids → _asks</c>; a transfer's pair reads <c>from → to</c>.</summary>
        public static string Names(LockCycle cycle)
            => string.Join(" → ", cycle.Steps.Select(step => step[0].Outer.Display)) + " → " + cycle.Steps[cycle.Steps.Length - 1][0].Inner.Display;

        /// <summary>'OrderBook.Match' takes _bids while holding _asks (OrderBook.cs:14).</summary>
        public static string Describe(LockEdge edge)
        {
            var through = edge.Through.IsEmpty ? string.Empty : " through " + string.Join(" → ", edge.Through.Select(method => "'" + method.ContainingType.Name + "." + method.Name + "'"));
            return "'" + edge.Holder.ContainingType.Name + "." + edge.Holder.Name + "' takes " + edge.Inner.Display + through
                   + " while holding " + edge.Outer.Display + " (" + Where(edge.Site) + ")";
        }

        public static string Where(Location location)
        {
            var span = location.GetLineSpan();
            return System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
        }
    }
}
