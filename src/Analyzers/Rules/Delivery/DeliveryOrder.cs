using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// RACE006/RACE007's questions about one method: which persistence of a committed message can run after the
    /// commit, and which persistence can fail and still let the commit run.
    /// </summary>
    internal sealed class DeliveryOrder
    {
        private readonly MethodFlow _flow;
        private readonly Dictionary<FlowStep, List<RoleSite>> _persistsByStep = new Dictionary<FlowStep, List<RoleSite>>();
        private readonly HandlerParameters _handlerParameters;

        public DeliveryOrder(MethodFlow flow, List<RoleSite> sites, HandlerParameters handlerParameters)
        {
            _flow = flow;
            _handlerParameters = handlerParameters;
            foreach (var site in sites)
            {
                if (!flow.TryGetStepOf(site.Call.Syntax, out var step))
                {
                    continue;
                }

                if (site.IsOwnCommit)
                {
                    Commits.Add(site);
                }
                else if (site.Role == Role.Persist)
                {
                    if (!_persistsByStep.TryGetValue(step, out var list))
                    {
                        list = new List<RoleSite>();
                        _persistsByStep.Add(step, list);
                    }

                    list.Add(site);
                }
            }
        }

        /// <summary>The commits and acks the method makes itself.</summary>
        public List<RoleSite> Commits { get; } = new List<RoleSite>();

        /// <summary>
        /// Persistence of the committed message that can run after the commit, in walk order. A commit that names
        /// no message (<c>consumer.Commit()</c>) covers the handling calls after it in the same pass of its loop body.
        /// </summary>
        public List<RoleSite> PersistsAfter(RoleSite commit)
        {
            var found = new List<RoleSite>();
            if (!_flow.TryGetStepOf(commit.Call.Syntax, out var commitStep))
            {
                return found;
            }

            _flow.WalkAfter(commitStep, followExceptions: false, step =>
            {
                foreach (var persist in PersistsIn(step))
                {
                    if (Handles(persist, commit))
                    {
                        found.Add(persist);
                    }
                }

                return WritesMessage(step, commit) ? WalkDecision.StopPath : WalkDecision.Continue;
            }, forwardOnly: commit.Message.Count == 0);
            found.Sort((a, b) => a.Call.Syntax.SpanStart.CompareTo(b.Call.Syntax.SpanStart));
            return found;
        }

        /// <summary>
        /// A persistence of the committed message whose failure still reaches the commit (through a finally, or a
        /// catch that neither rethrows nor leaves) without the message being persisted elsewhere first.
        /// </summary>
        public RoleSite? PersistWhoseFailureStillCommits(RoleSite commit)
        {
            if (!_flow.TryGetStepOf(commit.Call.Syntax, out var commitStep))
            {
                return null;
            }

            foreach (var entry in _persistsByStep)
            {
                // Writes inside a catch are the failure path's own handling (a dead-letter write), not the failing write.
                if (entry.Key.Equals(commitStep) || !ReferenceEquals(entry.Key.Graph, commitStep.Graph) || IsInCatch(entry.Key))
                {
                    continue;
                }

                foreach (var persist in entry.Value)
                {
                    if (Handles(persist, commit) && FailureReachesCommit(entry.Key, commitStep, commit))
                    {
                        return persist;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Kafka's loop shape: a persistence of the committed message whose failure is swallowed and lets the loop
        /// consume the next message, which the same commit then commits, covering the failed offset. A seek back,
        /// a rethrow, leaving the loop or persisting the message elsewhere on the failure path prevents it.
        /// </summary>
        public RoleSite? PersistWhoseFailureALaterCommitCovers(RoleSite commit)
        {
            if (!BrokerShapes.IsCumulative(commit.Call) || commit.Message.Count == 0 || !_flow.TryGetStepOf(commit.Call.Syntax, out var commitStep))
            {
                return null;
            }

            foreach (var entry in _persistsByStep)
            {
                if (entry.Key.Equals(commitStep) || !ReferenceEquals(entry.Key.Graph, commitStep.Graph) || IsInCatch(entry.Key))
                {
                    continue;
                }

                foreach (var persist in entry.Value)
                {
                    if (Handles(persist, commit) && NextMessageAfterFailure(entry.Key, commit) is { } next && _flow.ReachesInOnePass(next, commitStep))
                    {
                        return persist;
                    }
                }
            }

            return null;
        }

        /// <summary>The step consuming the next message that the failure path reaches without settling the failed one.</summary>
        private FlowStep? NextMessageAfterFailure(FlowStep failedStep, RoleSite commit)
        {
            FlowStep? next = null;
            _flow.WalkAfterThrow(failedStep, step =>
            {
                foreach (var operation in step.Operation.DescendantsAndSelf())
                {
                    if (BrokerShapes.IsSeek(operation))
                    {
                        return WalkDecision.StopPath;
                    }
                }

                foreach (var persist in PersistsIn(step))
                {
                    if (Handles(persist, commit))
                    {
                        return WalkDecision.StopPath;
                    }
                }

                if (WritesMessage(step, commit))
                {
                    next = step;
                    return WalkDecision.StopWalk;
                }

                return WalkDecision.Continue;
            });
            return next;
        }

        private bool FailureReachesCommit(FlowStep failedStep, FlowStep commitStep, RoleSite commit)
        {
            var reached = false;
            _flow.WalkAfterThrow(failedStep, step =>
            {
                if (step.Equals(commitStep))
                {
                    reached = true;
                    return WalkDecision.StopWalk;
                }

                // The dead-letter pattern: the failure path persists the message elsewhere before committing.
                foreach (var persist in PersistsIn(step))
                {
                    if (Handles(persist, commit))
                    {
                        return WalkDecision.StopPath;
                    }
                }

                return WritesMessage(step, commit) ? WalkDecision.StopPath : WalkDecision.Continue;
            });
            return reached;
        }

        /// <summary>
        /// The persistence uses the committed message or a value taken from it; or the commit names no message; or
        /// the persistence is a handling call handed nothing of its own (<c>SaveChanges()</c>); or the message and
        /// what is persisted are parameters of one handler (see <see cref="HandlerParameters"/>).
        /// </summary>
        private bool Handles(RoleSite persist, RoleSite commit)
            => commit.Message.Count == 0 || persist.TakesNoData || persist.Data.Overlaps(commit.Message)
               || _handlerParameters.OneUnitOfWork(commit.Message, persist.Data);

        private static bool IsInCatch(FlowStep step)
        {
            foreach (var handler in MethodFlow.EnclosingHandlers(step))
            {
                if (handler.Kind == Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowRegionKind.Catch)
                {
                    return true;
                }
            }

            return false;
        }

        private IEnumerable<RoleSite> PersistsIn(FlowStep step)
            => _persistsByStep.TryGetValue(step, out var list) ? list : (IEnumerable<RoleSite>)System.Array.Empty<RoleSite>();

        /// <summary>A new message replaces the committed one (the next consume, the next loop iteration).</summary>
        private static bool WritesMessage(FlowStep step, RoleSite commit)
        {
            if (commit.Message.Count == 0)
            {
                return false;
            }

            foreach (var operation in step.Operation.DescendantsAndSelf())
            {
                var symbol = OperationFacts.ReferencedSymbol(operation);
                if (symbol != null && commit.Message.Contains(symbol) && OperationFacts.IsWrite(operation))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
