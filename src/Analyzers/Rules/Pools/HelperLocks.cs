using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// What RACE002 asks the lock summaries about one body: the locks its calls of the project's own methods take
    /// and return holding or give back (a private method that waits on the semaphore, one that releases it), and the
    /// objects it makes that release a lock they are given when disposed (a releaser handed the semaphore).
    /// </summary>
    internal sealed class HelperLocks
    {
        private readonly LockSummaries _locks;
        private readonly CancellationToken _cancellationToken;

        public HelperLocks(LockSummaries locks, CancellationToken cancellationToken)
        {
            _locks = locks;
            _cancellationToken = cancellationToken;
        }

        /// <summary>
        /// On syntax, before binding: the block calls a method that can take or give back a lock within one call,
        /// and has a <c>finally</c> or makes an object (a releaser it may hand a lock to).
        /// </summary>
        public static bool MayHave(SyntaxNode block, LockSummaries locks)
            => locks.MayHoldThroughCalls(block)
               && (InvokedNames.Of(block).Creates || TreeScan.Of(block.SyntaxTree).HasFinallyIn(block));

        /// <summary>What <paramref name="call"/> leaves held or gives back, named here.</summary>
        public ImmutableArray<LockHandOff> At(IInvocationOperation call) => _locks.HandOffsAt(call, _cancellationToken);

        /// <summary>A try whose body calls a helper that leaves a lock held, or whose finally calls one that gives a lock back.</summary>
        public bool InTryFinally(IOperation root)
        {
            var body = BodyOperations.Of(root);
            if (!CallsSourceMethod(body.Invocations))
            {
                return false;
            }

            var index = 0;
            foreach (var operation in body.Descendants)
            {
                index++;
                if (operation is ITryOperation { Finally: { } cleanup } guarded
                    && (Calls(body.SubtreeOf(guarded.Body, index), takes: true) || Calls(body.SubtreeOf(cleanup, index), takes: false)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The body makes an object that releases, when disposed, a lock given to its constructor.</summary>
        public bool HandsToReleaser(IOperation root)
        {
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IObjectCreationOperation creation && !_locks.ReleasedOnDispose(creation, _cancellationToken).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The steps of <paramref name="flow"/> that make a releaser given <paramref name="resource"/> (<c>new AccessLock(semaphore, …)</c>).
        /// The arguments are read in <paramref name="root"/>: the graph may capture them before a branch (<c>secret ?? ""</c>).
        /// </summary>
        public List<FlowStep> HandOffsOf(MethodFlow flow, IOperation root, ISymbol resource)
        {
            var releasers = new HashSet<SyntaxNode>();
            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (!(operation is IObjectCreationOperation creation))
                {
                    continue;
                }

                var released = _locks.ReleasedOnDispose(creation, _cancellationToken);
                if (creation.Arguments.Any(argument => argument.Parameter != null && released.Contains(argument.Parameter.OriginalDefinition, SymbolEqualityComparer.Default)
                                                       && SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(argument.Value), resource)))
                {
                    releasers.Add(creation.Syntax);
                }
            }

            var steps = new List<FlowStep>();
            if (releasers.Count == 0)
            {
                return steps;
            }

            foreach (var step in flow.Steps)
            {
                if (step.Operation.DescendantsAndSelf().Any(operation => operation is IObjectCreationOperation && releasers.Contains(operation.Syntax)))
                {
                    steps.Add(step);
                }
            }

            return steps;
        }

        /// <summary>Only a call of the project's own code can be a helper that takes or gives back a lock.</summary>
        private static bool CallsSourceMethod(ImmutableArray<IInvocationOperation> calls)
        {
            foreach (var call in calls)
            {
                if (!call.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        private bool Calls(OperationRange region, bool takes)
        {
            foreach (var operation in region)
            {
                if (operation is IInvocationOperation call && !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty && At(call).Any(handOff => handOff.Takes == takes))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
