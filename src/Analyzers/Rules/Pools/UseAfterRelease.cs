using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Pools
{
    /// <summary>
    /// RACE001's question: after a resource goes back to its pool, does anything still use it — the resource, a
    /// view or object made from it, or a dependent call (ack, commit, send) on what the work was done with?
    /// </summary>
    internal sealed class UseAfterRelease
    {
        private readonly ApiCatalog _catalog;
        private readonly ConfiguredMethods _configured;
        private readonly HashSet<ISymbol> _resource;
        private readonly WorkBetween _work;

        private UseAfterRelease(ApiCatalog catalog, ConfiguredMethods configured, HashSet<ISymbol> resource, WorkBetween work)
        {
            _catalog = catalog;
            _configured = configured;
            _resource = resource;
            _work = work;
        }

        /// <summary>The first use after the release (normal paths first, then exception paths).</summary>
        public IOperation? FirstUse { get; private set; }

        /// <summary>End position of the furthest use on normal paths: the fix must keep the resource until there.</summary>
        public int LastUseEnd { get; private set; } = -1;

        public static UseAfterRelease? Find(MethodFlow flow, PoolCallSite release, IReadOnlyList<PoolCallSite> sites, ApiCatalog catalog, ConfiguredMethods configured)
        {
            var resource = DerivedSymbols(flow, release, catalog);
            var work = catalog.CarriesSession(OperationFacts.TypeOf(release.Resource))
                ? WorkBetween.Collect(flow, release, sites, resource)
                : WorkBetween.None;

            var query = new UseAfterRelease(catalog, configured, resource, work);
            query.Walk(flow, release, followExceptions: false);
            if (query.FirstUse == null)
            {
                query.Walk(flow, release, followExceptions: true);
            }

            return query.FirstUse == null ? null : query;
        }

        private void Walk(MethodFlow flow, PoolCallSite release, bool followExceptions)
        {
            flow.WalkAfter(release.Step, followExceptions, step =>
            {
                var use = UseIn(step);
                if (use != null)
                {
                    FirstUse ??= use;
                    if (!followExceptions && use.Syntax.Span.End > LastUseEnd)
                    {
                        LastUseEnd = use.Syntax.Span.End;
                    }
                }

                return WritesAny(step.Operation, release.Resource) ? WalkDecision.StopPath : WalkDecision.Continue;
            });
        }

        private IOperation? UseIn(FlowStep step)
        {
            foreach (var operation in step.Operation.DescendantsAndSelf())
            {
                var symbol = OperationFacts.ReferencedSymbol(operation);
                if (symbol != null && _resource.Contains(symbol) && !OperationFacts.IsWrite(operation) && !IsForTelemetry(operation))
                {
                    return WholeUse(operation);
                }

                if (!_work.IsEmpty && operation is IInvocationOperation call && !call.IsImplicit && IsDependentCall(call))
                {
                    return call;
                }
            }

            return null;
        }

        private bool IsDependentCall(IInvocationOperation call)
        {
            var receiver = OperationFacts.ReferencedSymbol(OperationFacts.ReceiverOf(call));
            if (receiver == null)
            {
                return false;
            }

            return (_work.Used.Contains(receiver) && _catalog.IsSettlement(call.TargetMethod, _configured))
                || (_work.BuiltOnResource.Contains(receiver) && _catalog.IsDependentIo(call.TargetMethod));
        }

        private bool IsForTelemetry(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is INameOfOperation || (current is IInvocationOperation call && _catalog.IsTelemetry(call.TargetMethod)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Widens a reference to the call or member chain it is part of, for a readable location.</summary>
        private static IOperation WholeUse(IOperation reference)
        {
            var current = reference;
            while (current.Parent != null)
            {
                var parent = current.Parent;
                var widens = parent switch
                {
                    IConversionOperation => true,
                    IArgumentOperation => true,
                    IInvocationOperation call => !call.IsImplicit,
                    IObjectCreationOperation => true,
                    IMemberReferenceOperation member => ReferenceEquals(member.Instance, current),
                    IArrayElementReferenceOperation => true,
                    _ => false,
                };
                if (!widens)
                {
                    break;
                }

                current = parent;
            }

            return current is IArgumentOperation argument ? argument.Value : current;
        }

        /// <summary>
        /// The step gives the symbol a new value: an assignment, or a pattern that declares it
        /// (<c>if (Cache is { } cache) Pool.Return(cache);</c> in a loop binds a new array on each pass).
        /// </summary>
        private static bool WritesAny(IOperation root, ISymbol symbol)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                var declared = operation switch
                {
                    IDeclarationPatternOperation pattern => pattern.DeclaredSymbol,
                    IRecursivePatternOperation pattern => pattern.DeclaredSymbol,
                    _ => null,
                };
                if (SymbolEqualityComparer.Default.Equals(declared, symbol)
                    || (SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(operation), symbol) && OperationFacts.IsWrite(operation)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The resource and every local made from it that still points into it (views, commands, readers).</summary>
        private static HashSet<ISymbol> DerivedSymbols(MethodFlow flow, PoolCallSite release, ApiCatalog catalog)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { release.Resource };
            bool grew;
            do
            {
                grew = false;
                foreach (var step in flow.Steps)
                {
                    if (!ReferenceEquals(step.Graph, release.Step.Graph))
                    {
                        continue;
                    }

                    foreach (var operation in step.Operation.DescendantsAndSelf())
                    {
                        if (operation is ISimpleAssignmentOperation assignment
                            && OperationValues.SkipConversions(assignment.Target) is ILocalReferenceOperation target
                            && !symbols.Contains(target.Local)
                            && Derives(assignment.Value, symbols, catalog))
                        {
                            symbols.Add(target.Local);
                            grew = true;
                        }
                    }
                }
            }
            while (grew);

            return symbols;
        }

        private static bool IsTask(ITypeSymbol? type) => WellKnownTypes.IsTaskType(type, withResult: false) || WellKnownTypes.IsTaskType(type, withResult: true);

        private static bool Derives(IOperation value, ISet<ISymbol> symbols, ApiCatalog catalog)
        {
            var outer = OperationValues.SkipConversions(value)!;
            var inner = outer is IAwaitOperation awaited ? AwaitableWrappers.Awaited(awaited)! : outer;
            var symbol = OperationFacts.ReferencedSymbol(inner);
            if (symbol != null)
            {
                return symbols.Contains(symbol);
            }

            if (catalog.IsBufferView(outer.Type))
            {
                return OperationFacts.ReferencesAny(inner, symbols);
            }

            // Work started and not awaited (var write = stream.WriteAsync(buffer, ct)): the task keeps using what it
            // was handed until it is awaited, so an await of it after the return is a use.
            if (!(outer is IAwaitOperation) && IsTask(outer.Type) && AwaitableWrappers.Unwrap(outer) is IInvocationOperation started
                && (IsOneOf(OperationFacts.ReceiverOf(started), symbols) || started.Arguments.Any(argument => OperationFacts.ReferencesAny(argument.Value, symbols))))
            {
                return true;
            }

            if (!catalog.IsDisposable(outer.Type))
            {
                return false;
            }

            switch (inner)
            {
                case IInvocationOperation call:
                    if (IsOneOf(OperationFacts.ReceiverOf(call), symbols))
                    {
                        return true;
                    }

                    foreach (var argument in call.Arguments)
                    {
                        if (IsOneOf(argument.Value, symbols))
                        {
                            return true;
                        }
                    }

                    return false;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (IsOneOf(argument.Value, symbols))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool IsOneOf(IOperation? operation, ISet<ISymbol> symbols)
        {
            var symbol = OperationFacts.ReferencedSymbol(operation);
            return symbol != null && symbols.Contains(symbol);
        }
    }
}
