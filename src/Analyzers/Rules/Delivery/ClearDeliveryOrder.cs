using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// Decides from the operation tree alone whether a body needs its control-flow graph for RACE006/RACE007. Most
    /// handlers persist and then commit in straight-line code: a lambda that stores the message and then acks it, a
    /// Kafka loop that consumes, saves and commits, or the same inside a try whose catch nacks. No persistence can
    /// run after such a commit, and no failed persistence can reach it, so there is nothing for
    /// <see cref="DeliveryOrder"/> to find and the graph (most of what RACE006/RACE007 cost) is not built.
    /// </summary>
    /// <remarks>
    /// Each function (the body, and each lambda or local function in it, which has its own graph) is judged on its
    /// own: its commits and persists must sit in the statements of one block, every persist in a statement before
    /// every commit's. Then a normal path from a commit reaches a persist only by entering the block again: there is
    /// no goto, and a loop around the block is allowed only where each commit's message is declared afresh before
    /// the first persist (<c>var result = consumer.Consume(ct);</c>), where the walk stops. A failed persist reaches
    /// a commit only through a try around it; each such try must be in no loop, and every commit must be before it or
    /// inside its protected block, so that what runs after its catch or finally holds no commit.
    /// </remarks>
    internal static class ClearDeliveryOrder
    {
        /// <summary>False when no persistence can run after a commit of the same function, or fail into one.</summary>
        public static bool NeedsFlow(List<RoleSite> sites)
        {
            foreach (var (function, persists, commits) in StatementOrder.ByFunction(sites, site => site.Role == Role.Persist, site => site.IsOwnCommit))
            {
                if (commits.Count > 0 && persists.Count > 0 && !IsClear(function, commits, persists))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsClear(IOperation function, List<RoleSite> commits, List<RoleSite> persists)
        {
            // The split first: it reads only the sites' parents, where the goto test walks the whole function.
            if (!(StatementOrder.Split(function, persists, commits) is var (block, firstPersist)) || StatementOrder.HasGoTo(function))
            {
                return false;
            }

            var looped = StatementOrder.InLoop(block, function);
            foreach (var commit in commits)
            {
                if (looped && !DeclaredAfresh(commit, block, firstPersist))
                {
                    return false;
                }
            }

            foreach (var persist in persists)
            {
                if (!FailureMissesCommits(persist.Call, function, commits))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Every try around <paramref name="persist"/> in its function is in no loop, and every commit is before the
        /// try or inside its protected block: whatever runs after a failure it catches is past every commit.
        /// </summary>
        private static bool FailureMissesCommits(IOperation persist, IOperation function, List<RoleSite> commits)
        {
            for (var current = persist.Parent; current != null && !ReferenceEquals(current, function); current = current.Parent)
            {
                if (!(current is ITryOperation guarded))
                {
                    continue;
                }

                if (StatementOrder.InLoop(guarded, function))
                {
                    return false;
                }

                foreach (var commit in commits)
                {
                    var at = commit.Call.Syntax.Span;
                    if (at.Start >= guarded.Syntax.SpanStart && !guarded.Body.Syntax.Span.Contains(at))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// A statement of <paramref name="block"/> before the first persist declares, with a value, a local the
        /// commit names as its message: each pass of a loop around the block replaces the message there.
        /// </summary>
        private static bool DeclaredAfresh(RoleSite commit, IBlockOperation block, int firstPersist)
        {
            for (var i = 0; i < firstPersist && i < block.Operations.Length; i++)
            {
                if (!(block.Operations[i] is IVariableDeclarationGroupOperation group))
                {
                    continue;
                }

                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if ((declarator.Initializer != null || declaration.Initializer != null) && commit.Message.Contains(declarator.Symbol))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
