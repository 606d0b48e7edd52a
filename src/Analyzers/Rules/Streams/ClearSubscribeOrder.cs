using System.Collections.Generic;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.Rules.Streams
{
    /// <summary>
    /// Decides from the operation tree alone whether a body needs its control-flow graph for RACE003, which asks
    /// whether a snapshot read can run before a subscription in one pass. Where, in each function, every subscription
    /// sits in a statement before every read's, in one block (the correct order: subscribe, then read the history), a
    /// read reaches a subscription only by going back (a loop's next pass, a goto), which one pass does not do.
    /// </summary>
    internal static class ClearSubscribeOrder
    {
        /// <summary>False when no read of a function is before a subscription of it.</summary>
        public static bool NeedsFlow(List<RoleSite> sites)
        {
            foreach (var (function, subscribes, reads) in StatementOrder.ByFunction(sites, site => site.Role == Role.Subscribe, site => site.Role == Role.SnapshotRead))
            {
                if (subscribes.Count > 0 && reads.Count > 0 && StatementOrder.Split(function, subscribes, reads) == null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
