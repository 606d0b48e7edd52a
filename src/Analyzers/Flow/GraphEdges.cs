using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// Successors of the basic blocks of one control-flow graph, with the two kinds of edges Roslyn leaves
    /// implicit made explicit: a branch that leaves a try runs its finally blocks first, and an operation that
    /// throws inside a try continues in that try's handlers (and the handlers of every try around it).
    /// </summary>
    internal sealed class GraphEdges
    {
        private readonly ControlFlowGraph _graph;
        private readonly Dictionary<ControlFlowRegion, List<BasicBlock>> _afterFinally = new Dictionary<ControlFlowRegion, List<BasicBlock>>();

        public GraphEdges(ControlFlowGraph graph)
        {
            _graph = graph;
            foreach (var block in graph.Blocks)
            {
                RecordFinallyContinuations(block.FallThroughSuccessor);
                RecordFinallyContinuations(block.ConditionalSuccessor);
            }
        }

        /// <summary>
        /// Where control goes from the end of <paramref name="block"/>, each with why the walk is then inside a finally
        /// (see <see cref="FinallyPath"/>). <paramref name="path"/> is that reason for <paramref name="block"/> itself:
        /// a finally entered by an exception ends by rethrowing it into the handlers around its try, never by going on
        /// to the code after the try (a <c>using</c> scope whose body throws does not reach the code after it); one
        /// run by a branch leaving the try goes on where that branch goes.
        /// </summary>
        public IEnumerable<(BasicBlock Block, FinallyPath Path)> Successors(BasicBlock block, FinallyPath path)
        {
            foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch == null)
                {
                    continue;
                }

                if (!branch.FinallyRegions.IsEmpty)
                {
                    yield return (FirstBlock(branch.FinallyRegions[0]), FinallyPath.Through(branch, 0));
                }
                else if (branch.Destination != null)
                {
                    // Inside the finally, the path keeps the reason it runs.
                    var stillInside = (path.EnteredByException != null && Contains(path.EnteredByException, branch.Destination))
                                      || (path.RunningFor != null && Contains(path.RunningFor, branch.Destination));
                    yield return (branch.Destination, stillInside ? path : default);
                }
                else if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                {
                    // The end of a finally: an exception that entered it goes on to the handlers further out; a branch
                    // that ran it goes on to its next finally or its destination; an entry the walk does not know goes
                    // on wherever the branches that run it go.
                    var finallyRegion = EnclosingFinally(block);
                    if (finallyRegion == null)
                    {
                        continue;
                    }

                    if (ReferenceEquals(finallyRegion, path.EnteredByException))
                    {
                        foreach (var handler in HandlerEntries(FirstBlock(finallyRegion)))
                        {
                            yield return (handler, FinallyPath.ByException(FinallyEnteredAt(handler)));
                        }
                    }
                    else if (ReferenceEquals(finallyRegion, path.RunningFor) && AfterFinally(path) is { } afterwards)
                    {
                        yield return afterwards;
                    }
                    else
                    {
                        foreach (var next in Continuations(finallyRegion))
                        {
                            yield return (next, default);
                        }
                    }
                }
                else if (branch.Semantics == ControlFlowBranchSemantics.Throw || branch.Semantics == ControlFlowBranchSemantics.Rethrow)
                {
                    foreach (var handler in HandlerEntries(block))
                    {
                        yield return (handler, FinallyPath.ByException(FinallyEnteredAt(handler)));
                    }
                }
            }
        }

        /// <summary>Where a branch goes after one of its finally regions: the next one, or its destination.</summary>
        private (BasicBlock, FinallyPath)? AfterFinally(FinallyPath path)
        {
            var branch = path.Leaving!;
            if (path.Index + 1 < branch.FinallyRegions.Length)
            {
                return (FirstBlock(branch.FinallyRegions[path.Index + 1]), FinallyPath.Through(branch, path.Index + 1));
            }

            return branch.Destination == null ? null : (branch.Destination, default(FinallyPath));
        }

        /// <summary>The finally region <paramref name="handlerEntry"/> is the first block of, or null (a catch).</summary>
        public static ControlFlowRegion? FinallyEnteredAt(BasicBlock handlerEntry)
        {
            for (var region = handlerEntry.EnclosingRegion; region != null && region.FirstBlockOrdinal == handlerEntry.Ordinal; region = region.EnclosingRegion)
            {
                if (region.Kind == ControlFlowRegionKind.Finally)
                {
                    return region;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="block"/> lies inside <paramref name="region"/> (nested regions included).</summary>
        public static bool Contains(ControlFlowRegion region, BasicBlock block)
            => region.FirstBlockOrdinal <= block.Ordinal && block.Ordinal <= region.LastBlockOrdinal;

        /// <summary>
        /// First blocks of the handlers an exception thrown in <paramref name="block"/> enters first: the catches of
        /// the innermost try (and further out while no catch-all stops it), or the innermost finally. What runs after
        /// a finally, or after a catch that rethrows, follows from their own exits.
        /// </summary>
        public IEnumerable<BasicBlock> HandlerEntries(BasicBlock block)
        {
            // A lambda's or local function's graph hangs below the region it is declared in; the tries around that
            // declaration are not its handlers (and their blocks are another graph's), so the walk stops at its root.
            for (var region = block.EnclosingRegion; region != null && !ReferenceEquals(region, _graph.Root); region = region.EnclosingRegion)
            {
                if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion == null)
                {
                    continue;
                }

                var caughtByAll = false;
                foreach (var handler in region.EnclosingRegion.NestedRegions)
                {
                    if (ReferenceEquals(handler, region))
                    {
                        continue;
                    }

                    yield return FirstBlock(handler);
                    caughtByAll |= handler.Kind == ControlFlowRegionKind.Finally || IsCatchAll(handler);
                }

                if (caughtByAll)
                {
                    yield break;
                }
            }
        }

        /// <summary><c>catch</c>, <c>catch (Exception)</c> without a filter: nothing gets past it.</summary>
        private static bool IsCatchAll(ControlFlowRegion handler)
        {
            if (handler.Kind != ControlFlowRegionKind.Catch)
            {
                return false;
            }

            var type = handler.ExceptionType;
            return type == null || type.SpecialType == SpecialType.System_Object
                || (type.Name == "Exception" && type.ContainingNamespace?.Name == "System" && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true);
        }

        private void RecordFinallyContinuations(ControlFlowBranch? branch)
        {
            if (branch == null || branch.FinallyRegions.IsEmpty)
            {
                return;
            }

            var regions = branch.FinallyRegions;
            for (var i = 0; i < regions.Length; i++)
            {
                var next = i + 1 < regions.Length ? FirstBlock(regions[i + 1]) : branch.Destination;
                if (next != null)
                {
                    Continuations(regions[i]).Add(next);
                }
            }
        }

        private List<BasicBlock> Continuations(ControlFlowRegion finallyRegion)
        {
            if (!_afterFinally.TryGetValue(finallyRegion, out var list))
            {
                list = new List<BasicBlock>();
                _afterFinally.Add(finallyRegion, list);

                // A finally entered by an exception rethrows it into the handlers around its try.
                list.AddRange(HandlerEntries(FirstBlock(finallyRegion)));
            }

            return list;
        }

        private ControlFlowRegion? EnclosingFinally(BasicBlock block)
        {
            for (var region = block.EnclosingRegion; region != null && !ReferenceEquals(region, _graph.Root); region = region.EnclosingRegion)
            {
                if (region.Kind == ControlFlowRegionKind.Finally)
                {
                    return region;
                }
            }

            return null;
        }

        private BasicBlock FirstBlock(ControlFlowRegion region) => _graph.Blocks[region.FirstBlockOrdinal];
    }
}
