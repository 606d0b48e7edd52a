using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// What the code between an acquisition and its release worked with: every local and parameter it used (the
    /// message, the session), and those it tied to the resource itself (<c>new Batch(conn)</c>,
    /// <c>batch.Attach(conn)</c>, <c>conn.Bind(session)</c>).
    /// </summary>
    internal sealed class WorkBetween
    {
        public static readonly WorkBetween None = new WorkBetween();

        private WorkBetween()
        {
        }

        public HashSet<ISymbol> Used { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> BuiltOnResource { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public bool IsEmpty => Used.Count == 0;

        public static WorkBetween Collect(MethodFlow flow, PoolCallSite release, IReadOnlyList<PoolCallSite> sites, ISet<ISymbol> resource)
        {
            var work = new WorkBetween();
            foreach (var acquire in sites)
            {
                if (!acquire.IsAcquire || !acquire.Pairs(release))
                {
                    continue;
                }

                flow.WalkAfter(acquire.Step, followExceptions: false, step =>
                {
                    if (step.Equals(release.Step))
                    {
                        return WalkDecision.StopPath;
                    }

                    foreach (var operation in step.Operation.DescendantsAndSelf())
                    {
                        work.Record(operation, resource);
                    }

                    return WalkDecision.Continue;
                });
            }

            return work;
        }

        private void Record(IOperation operation, ISet<ISymbol> resource)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local when !resource.Contains(local.Local):
                    Used.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter when !resource.Contains(parameter.Parameter):
                    Used.Add(parameter.Parameter);
                    break;
                case IInvocationOperation call:
                    var receiver = OperationFacts.ReferencedSymbol(OperationFacts.ReceiverOf(call));
                    if (receiver != null && resource.Contains(receiver))
                    {
                        AddArguments(call.Arguments, resource);
                    }
                    else if (receiver != null && TakesResource(call.Arguments, resource))
                    {
                        BuiltOnResource.Add(receiver);
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    var target = OperationFacts.ReferencedSymbol(assignment.Target);
                    var value = OperationValues.SkipConversions(assignment.Value);
                    if (target != null && !resource.Contains(target) && value is IObjectCreationOperation creation && TakesResource(creation.Arguments, resource))
                    {
                        BuiltOnResource.Add(target);
                    }

                    break;
            }
        }

        private void AddArguments(IEnumerable<IArgumentOperation> arguments, ISet<ISymbol> resource)
        {
            foreach (var argument in arguments)
            {
                var symbol = OperationFacts.ReferencedSymbol(argument.Value);
                if (symbol != null && !resource.Contains(symbol))
                {
                    BuiltOnResource.Add(symbol);
                }
            }
        }

        private static bool TakesResource(IEnumerable<IArgumentOperation> arguments, ISet<ISymbol> resource)
        {
            foreach (var argument in arguments)
            {
                var symbol = OperationFacts.ReferencedSymbol(argument.Value);
                if (symbol != null && resource.Contains(symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
