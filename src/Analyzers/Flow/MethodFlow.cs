using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// The control flow of one method body and of every lambda and local function in it, as steps that can be
    /// walked forward. A lambda is its own unit of work: its graph is not joined to the enclosing one.
    /// </summary>
    internal sealed class MethodFlow
    {
        private readonly Dictionary<ControlFlowGraph, GraphEdges> _edges = new Dictionary<ControlFlowGraph, GraphEdges>();
        private readonly List<FlowStep> _steps = new List<FlowStep>();
        private Dictionary<SyntaxNode, FlowStep>? _stepByCall;

        private MethodFlow()
        {
        }

        /// <summary>Every step of every graph, in block order.</summary>
        public IReadOnlyList<FlowStep> Steps => _steps;

        public static MethodFlow Create(ControlFlowGraph root, CancellationToken cancellationToken)
        {
            var flow = new MethodFlow();
            flow.Add(root, cancellationToken);
            return flow;
        }

        /// <summary>
        /// Visits, breadth first and each once, the steps that can run after <paramref name="start"/>.
        /// With <paramref name="followExceptions"/>, a step that may throw inside a try also leads to that try's handlers.
        /// With <paramref name="forwardOnly"/>, loop back edges are not followed: only what runs later in one pass.
        /// </summary>
        public void WalkAfter(FlowStep start, bool followExceptions, Func<FlowStep, WalkDecision> visit, bool forwardOnly = false)
            => Walk(start, default, followExceptions, visit, forwardOnly);

        /// <summary>
        /// The walk, with each block's state: why it is inside a finally, if it is (see <see cref="FinallyPath"/>).
        /// A step reached in two states is visited in both.
        /// </summary>
        private void Walk(FlowStep start, FinallyPath startPath, bool followExceptions, Func<FlowStep, WalkDecision> visit, bool forwardOnly)
        {
            var edges = _edges[start.Graph];
            var visited = new HashSet<(FlowStep, FinallyPath)>();
            var pending = new Queue<(BasicBlock Block, int Index, FinallyPath Path)>();
            var enqueuedBlocks = new HashSet<(BasicBlock, FinallyPath)>();
            pending.Enqueue((start.Block, start.Index + 1, startPath));

            void Enqueue(BasicBlock block, FinallyPath path)
            {
                if (enqueuedBlocks.Add((block, path)))
                {
                    pending.Enqueue((block, 0, path));
                }
            }

            while (pending.Count > 0)
            {
                var (block, first, path) = pending.Dequeue();
                var pathEnds = false;
                var count = FlowStep.CountIn(block);
                for (var i = first; i < count; i++)
                {
                    var step = new FlowStep(start.Graph, block, i);
                    if (!visited.Add((step, path)))
                    {
                        pathEnds = true;
                        break;
                    }

                    var decision = visit(step);
                    if (decision == WalkDecision.StopWalk)
                    {
                        return;
                    }

                    // A step that ends a path ends it for its own exceptions too (a dead-letter write that fails).
                    if (decision == WalkDecision.StopPath)
                    {
                        pathEnds = true;
                        break;
                    }

                    if (followExceptions && OperationFacts.MayThrow(step.Operation))
                    {
                        foreach (var handler in edges.HandlerEntries(block))
                        {
                            Enqueue(handler, FinallyPath.ByException(GraphEdges.FinallyEnteredAt(handler)));
                        }
                    }
                }

                if (pathEnds)
                {
                    continue;
                }

                foreach (var (successor, successorState) in edges.Successors(block, path))
                {
                    if (!forwardOnly || successor.Ordinal > block.Ordinal)
                    {
                        Enqueue(successor, successorState);
                    }
                }
            }
        }

        /// <summary>
        /// A normal path from <paramref name="start"/> to the end of its function on which no step <paramref name="ends"/>
        /// the path, told by where it turns away: its first condition after <paramref name="start"/> (the early
        /// return's <c>if</c>), else its last step. Null when every path ends first (or leaves by an exception).
        /// </summary>
        public FlowStep? LeavesWithout(FlowStep start, Func<FlowStep, bool> ends)
        {
            var edges = _edges[start.Graph];
            var seen = new HashSet<(BasicBlock, FinallyPath)>();
            var pending = new Queue<(BasicBlock Block, int First, FinallyPath Path, FlowStep Last, FlowStep? Turn)>();
            pending.Enqueue((start.Block, start.Index + 1, default, start, null));
            while (pending.Count > 0)
            {
                var (block, first, path, last, turn) = pending.Dequeue();
                if (block.Kind == BasicBlockKind.Exit)
                {
                    return turn ?? last;
                }

                var ended = false;
                var count = FlowStep.CountIn(block);
                for (var i = first; i < count && !ended; i++)
                {
                    last = new FlowStep(start.Graph, block, i);
                    ended = ends(last);
                }

                if (ended)
                {
                    continue;
                }

                if (turn == null && block.ConditionalSuccessor != null && block.BranchValue != null && first <= block.Operations.Length)
                {
                    turn = new FlowStep(start.Graph, block, block.Operations.Length);
                }

                foreach (var (successor, successorState) in edges.Successors(block, path))
                {
                    if (seen.Add((successor, successorState)))
                    {
                        pending.Enqueue((successor, 0, successorState, last, turn));
                    }
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="to"/> can run after <paramref name="from"/> in one pass (no loop back edges).</summary>
        public bool ReachesInOnePass(FlowStep from, FlowStep to)
        {
            var reached = false;
            WalkAfter(from, followExceptions: false, step =>
            {
                if (!step.Equals(to))
                {
                    return WalkDecision.Continue;
                }

                reached = true;
                return WalkDecision.StopWalk;
            }, forwardOnly: true);
            return reached;
        }

        /// <summary>
        /// Visits the steps that run if <paramref name="thrower"/> throws: from the handlers of the try regions
        /// around it, along normal paths and further exceptions (a rethrow goes on to the handlers further out).
        /// </summary>
        public void WalkAfterThrow(FlowStep thrower, Func<FlowStep, WalkDecision> visit)
        {
            var edges = _edges[thrower.Graph];
            foreach (var handler in edges.HandlerEntries(thrower.Block))
            {
                var entry = new FlowStep(thrower.Graph, handler, -1);
                var stop = false;
                Walk(entry, FinallyPath.ByException(GraphEdges.FinallyEnteredAt(handler)), followExceptions: true, step =>
                {
                    var decision = visit(step);
                    stop |= decision == WalkDecision.StopWalk;
                    return decision;
                }, forwardOnly: false);
                if (stop)
                {
                    return;
                }
            }
        }

        /// <summary>The step whose operation contains the call written at <paramref name="callSyntax"/>.</summary>
        public bool TryGetStepOf(SyntaxNode callSyntax, out FlowStep step)
        {
            if (_stepByCall == null)
            {
                _stepByCall = new Dictionary<SyntaxNode, FlowStep>();
                foreach (var candidate in _steps)
                {
                    foreach (var operation in candidate.Operation.DescendantsAndSelf())
                    {
                        if (operation is IInvocationOperation && !_stepByCall.ContainsKey(operation.Syntax))
                        {
                            _stepByCall.Add(operation.Syntax, candidate);
                        }
                    }
                }
            }

            return _stepByCall.TryGetValue(callSyntax, out step);
        }

        /// <summary>True when <paramref name="step"/> runs inside a finally block.</summary>
        public static bool IsInFinally(FlowStep step) => Enclosing(step, ControlFlowRegionKind.Finally) != null;

        /// <summary>The catch or finally regions around <paramref name="step"/>, innermost first.</summary>
        public static IEnumerable<ControlFlowRegion> EnclosingHandlers(FlowStep step)
        {
            foreach (var region in RegionsAround(step))
            {
                if (region.Kind == ControlFlowRegionKind.Finally || region.Kind == ControlFlowRegionKind.Catch)
                {
                    yield return region;
                }
            }
        }

        /// <summary>The try region whose exceptions (or exit) run <paramref name="handler"/>.</summary>
        public static ControlFlowRegion? ProtectedRegionOf(ControlFlowRegion handler)
        {
            var owner = handler.EnclosingRegion;
            if (owner != null && owner.Kind == ControlFlowRegionKind.FilterAndHandler)
            {
                owner = owner.EnclosingRegion;
            }

            if (owner == null)
            {
                return null;
            }

            foreach (var nested in owner.NestedRegions)
            {
                if (nested.Kind == ControlFlowRegionKind.Try)
                {
                    return nested;
                }
            }

            return null;
        }

        /// <summary>The finally regions whose try contains <paramref name="step"/>, innermost first.</summary>
        public static IEnumerable<ControlFlowRegion> FinallyRegionsProtecting(FlowStep step)
        {
            foreach (var region in RegionsAround(step))
            {
                if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndFinally)
                {
                    foreach (var nested in region.EnclosingRegion.NestedRegions)
                    {
                        if (nested.Kind == ControlFlowRegionKind.Finally)
                        {
                            yield return nested;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// True when every pass through <paramref name="region"/> runs <paramref name="step"/>, false when a branch
        /// inside the region can skip it (<c>finally { if (entered) gate.Release(); }</c>).
        /// </summary>
        public static bool AlwaysRuns(ControlFlowRegion region, FlowStep step)
        {
            var blocks = step.Graph.Blocks;
            var pending = new Stack<BasicBlock>();
            var seen = new HashSet<BasicBlock>();
            pending.Push(blocks[region.FirstBlockOrdinal]);
            while (pending.Count > 0)
            {
                var block = pending.Pop();
                if (!seen.Add(block) || ReferenceEquals(block, step.Block))
                {
                    continue;
                }

                foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
                {
                    var next = branch?.Destination;
                    if (next == null || !GraphEdges.Contains(region, next))
                    {
                        if (branch != null)
                        {
                            return false;
                        }

                        continue;
                    }

                    pending.Push(next);
                }
            }

            return true;
        }

        public static bool Contains(ControlFlowRegion region, FlowStep step)
            => GraphEdges.Contains(region, step.Block);

        /// <summary>
        /// The regions around <paramref name="step"/> in its own graph, innermost first. A lambda's or local
        /// function's graph hangs below the region it is declared in; those outer regions are not its own.
        /// </summary>
        private static IEnumerable<ControlFlowRegion> RegionsAround(FlowStep step)
        {
            for (var region = step.Block.EnclosingRegion; region != null && !ReferenceEquals(region, step.Graph.Root); region = region.EnclosingRegion)
            {
                yield return region;
            }
        }

        private static ControlFlowRegion? Enclosing(FlowStep step, ControlFlowRegionKind kind)
        {
            foreach (var region in RegionsAround(step))
            {
                if (region.Kind == kind)
                {
                    return region;
                }
            }

            return null;
        }

        private void Add(ControlFlowGraph graph, CancellationToken cancellationToken)
        {
            if (_edges.ContainsKey(graph))
            {
                return;
            }

            _edges.Add(graph, new GraphEdges(graph));
            foreach (var block in graph.Blocks)
            {
                var count = FlowStep.CountIn(block);
                for (var i = 0; i < count; i++)
                {
                    var step = new FlowStep(graph, block, i);
                    _steps.Add(step);
                    foreach (var operation in step.Operation.DescendantsAndSelf())
                    {
                        if (operation is IFlowAnonymousFunctionOperation lambda)
                        {
                            Add(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), cancellationToken);
                        }
                    }
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                Add(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), cancellationToken);
            }
        }
    }
}
