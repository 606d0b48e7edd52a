using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// Decides from the operation tree alone whether a body needs its control-flow graph for RACE001/RACE002. Most
    /// bodies that release a lock do it the one correct way: the take as a whole statement, directly followed by a
    /// <c>try</c> whose <c>finally</c> begins with the matching release of the same lock. No path through such a pair
    /// can leave without the release, and a lock named by its holder has no use after release to find, so a body
    /// made only of such pairs is done without building a graph (the graph is most of what RACE002 costs).
    /// A rented buffer, pooled object or connection held in a local is such a pair only when nothing of the body can
    /// run after its release (<see cref="NothingRunsAfter"/>): a use after release (RACE001) needs something after it.
    /// </summary>
    internal static class CanonicalPairs
    {
        /// <summary>False when the body releases nothing, or when every take and release in it is a canonical pair.</summary>
        public static bool NeedsFlow(IOperation root, ApiCatalog catalog, ConfiguredMethods configured)
        {
            var releases = 0;
            // A list, not a set: a body pairs a handful at most, and hashing an operation the first time is costly.
            var paired = new List<IInvocationOperation>();
            var allCanonical = true;
            foreach (var call in BodyOperations.Of(root).Invocations)
            {
                if (call.IsImplicit)
                {
                    continue;
                }

                var api = catalog.PoolApiOf(call.TargetMethod, call.Instance?.Type, configured);
                if (api == null)
                {
                    continue;
                }

                if (api.Role == Role.Release)
                {
                    releases++;
                }
                else if (allCanonical && PairedRelease(root, call, api, catalog, configured) is { } release)
                {
                    if (!paired.Contains(release))
                    {
                        paired.Add(release);
                    }
                }
                else
                {
                    allCanonical = false;
                }

                // Settled: a take outside a canonical pair and a release in the body; the rest of the walk cannot change it.
                if (!allCanonical && releases > 0)
                {
                    return true;
                }
            }

            return releases > 0 && !(allCanonical && paired.Count == releases);
        }

        /// <summary>The release that closes <paramref name="take"/> as the first statement of the finally right after it, or null.</summary>
        private static IInvocationOperation? PairedRelease(IOperation root, IInvocationOperation take, PoolApi api, ApiCatalog catalog, ConfiguredMethods configured)
        {
            // A taken flag is read in the finally. A lock handed out as a releaser object has hand-offs to follow.
            var heldInLocal = api.Binding == ResourceBinding.Result;
            if (api.UsesTakenFlag || (heldInLocal && api.Kind == ResourceKind.Lock)
                || !((heldInLocal ? TakeStatementOf(take) : StatementOf(take)) is { } statement)
                || !(statement.Parent is IBlockOperation block) || !(PoolCallSite.ResourceOf(take, api) is { } resource)
                || (heldInLocal && !(resource is ILocalSymbol)))
            {
                return null;
            }

            var index = block.Operations.IndexOf(statement);
            if (index < 0 || index + 1 >= block.Operations.Length
                || !(block.Operations[index + 1] is ITryOperation guarded) || guarded.Finally == null || guarded.Finally.Operations.IsEmpty
                || !(StatementCall(guarded.Finally.Operations[0]) is { } release))
            {
                return null;
            }

            if (heldInLocal && !NothingRunsAfter(root, block, guarded, catalog, configured))
            {
                return null;
            }

            var releaseApi = catalog.PoolApiOf(release.TargetMethod, release.Instance?.Type, configured);
            return releaseApi != null && api.Pairs(releaseApi) && SymbolEqualityComparer.Default.Equals(resource, PoolCallSite.ResourceOf(release, releaseApi))
                ? release
                : null;
        }

        /// <summary>
        /// Whether nothing of the body can run after the release that is the whole of <paramref name="guarded"/>'s
        /// finally: the try ends the body (<see cref="EndsBody"/>), and the body has no jump back (goto) and no lambda
        /// or local function, code that could run later.
        /// </summary>
        private static bool NothingRunsAfter(IOperation root, IBlockOperation block, ITryOperation guarded, ApiCatalog catalog, ConfiguredMethods configured)
        {
            if (guarded.Finally!.Operations.Length != 1 || !EndsBody(block, guarded, catalog, configured))
            {
                return false;
            }

            foreach (var operation in BodyOperations.Of(root).Descendants)
            {
                if (operation is IAnonymousFunctionOperation || operation is ILocalFunctionOperation
                    || (operation is IBranchOperation branch && branch.BranchKind == BranchKind.GoTo))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <paramref name="last"/> is the last statement of the body's own block (no loop around it, nothing after it),
        /// or of the protected block of a try that is so in turn and whose finally is one release of another resource
        /// naming no local (<c>finally { _gate.Release(); }</c> around the pair): then only that release runs after.
        /// </summary>
        private static bool EndsBody(IBlockOperation block, IOperation last, ApiCatalog catalog, ConfiguredMethods configured)
        {
            while (ReferenceEquals(block.Operations[block.Operations.Length - 1], last))
            {
                if (block.Parent == null || block.Parent is IMethodBodyOperation || block.Parent is IConstructorBodyOperation)
                {
                    return true;
                }

                if (!(block.Parent is ITryOperation outer) || !ReferenceEquals(outer.Body, block) || !outer.Catches.IsEmpty
                    || outer.Finally == null || outer.Finally.Operations.Length != 1 || !IsReleaseNamingNoLocal(outer.Finally.Operations[0], catalog, configured)
                    || !(outer.Parent is IBlockOperation enclosing))
                {
                    return false;
                }

                block = enclosing;
                last = outer;
            }

            return false;
        }

        /// <summary>
        /// A release call that cannot use a resource released before it: nothing it names is a local (so no view of the
        /// resource), and it is no settlement or send (no dependent call on the work).
        /// </summary>
        private static bool IsReleaseNamingNoLocal(IOperation statement, ApiCatalog catalog, ConfiguredMethods configured)
        {
            if (!(StatementCall(statement) is { } call) || catalog.PoolApiOf(call.TargetMethod, call.Instance?.Type, configured)?.Role != Role.Release
                || catalog.IsSettlement(call.TargetMethod, configured) || catalog.IsDependentIo(call.TargetMethod))
            {
                return false;
            }

            foreach (var operation in statement.Descendants())
            {
                if (operation is ILocalReferenceOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The statement that takes a resource into one local: <c>var x = pool.Get();</c> (one declarator) or
        /// <c>x = pool.Get();</c>, through await and its wrappers.
        /// </summary>
        private static IOperation? TakeStatementOf(IInvocationOperation take)
            => AwaitableWrappers.Outermost(take).Parent switch
            {
                ISimpleAssignmentOperation { Parent: IExpressionStatementOperation statement } => statement,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1 } group } } } => group,
                _ => null,
            };

        /// <summary>The statement <paramref name="call"/> is the whole of (through await and its wrappers), or null.</summary>
        private static IExpressionStatementOperation? StatementOf(IInvocationOperation call)
            => AwaitableWrappers.Outermost(call).Parent as IExpressionStatementOperation;

        private static IInvocationOperation? StatementCall(IOperation statement)
            => statement is IExpressionStatementOperation expression && AwaitableWrappers.Unwrap(expression.Operation is IAwaitOperation awaited ? awaited.Operation : expression.Operation) is IInvocationOperation call && !call.IsImplicit
                ? call
                : null;
    }
}
