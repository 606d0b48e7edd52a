using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.EfCore
{
    /// <summary>
    /// An entity loaded through a <c>DbContext</c> into a local: <c>Find(Async)</c> on a set or the context, or a query over a set
    /// ending in <c>First/Single/Last(OrDefault)(Async)</c>. Records the context it came from and whether the query
    /// tracks it and locks its row.
    /// </summary>
    internal sealed class TrackedLoad
    {
        private TrackedLoad(IInvocationOperation call, ISymbol context, bool tracks, bool locksRow)
        {
            Call = call;
            Context = context;
            Tracks = tracks;
            LocksRow = locksRow;
        }

        public IInvocationOperation Call { get; }

        /// <summary>The field, property, local or parameter holding the context.</summary>
        public ISymbol Context { get; }

        /// <summary>False for <c>AsNoTracking()</c> queries: their changes reach the database only through <c>Update(entity)</c>.</summary>
        public bool Tracks { get; }

        /// <summary>Loaded by raw SQL that locks the row (<c>FOR UPDATE</c>, <c>UPDLOCK</c>).</summary>
        public bool LocksRow { get; }

        public static TrackedLoad? Of(IOperation? value, EfCoreShapes ef)
        {
            if (!(Unwrap(value) is IInvocationOperation call))
            {
                return null;
            }

            var name = call.TargetMethod.Name;
            IOperation? source;
            if (EfCoreShapes.IsFind(name))
            {
                // The context's own Find<T>(key) / Find(typeof(T), key) tracks like the set's.
                if (ef.IsDbContext(call.Instance?.Type))
                {
                    var owner = OperationFacts.ReferencedSymbol(call.Instance);
                    return owner == null ? null : new TrackedLoad(call, owner, tracks: true, locksRow: false);
                }

                source = call.Instance;
            }
            else if (EfCoreShapes.EndsWithOneEntity(name) && call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0)
            {
                source = call.Arguments[0].Value;
            }
            else
            {
                return null;
            }

            bool tracks = true, locksRow = false;
            while (Unwrap(source) is IInvocationOperation step && step.TargetMethod.IsExtensionMethod && step.Arguments.Length > 0)
            {
                var stepName = step.TargetMethod.Name;
                tracks &= !EfCoreShapes.StopsTracking(stepName);
                locksRow |= EfCoreShapes.IsRawSql(stepName) && EfCoreShapes.LocksRows(step.Syntax.ToString());
                source = step.Arguments[0].Value;
            }

            var set = Unwrap(source);
            if (set == null || !ef.IsDbSet(set.Type))
            {
                return null;
            }

            var contextOperation = set switch
            {
                IPropertyReferenceOperation property => property.Instance,
                IInvocationOperation setCall when EfCoreShapes.IsSetOfContext(setCall.TargetMethod) => setCall.Instance,
                _ => null,
            };
            var context = OperationFacts.ReferencedSymbol(contextOperation);
            return context == null || !ef.IsDbContext(contextOperation!.Type) ? null : new TrackedLoad(call, context, tracks, locksRow);
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                operation = AwaitableWrappers.Unwrap(operation);
                if (operation is IAwaitOperation awaited)
                {
                    operation = awaited.Operation;
                    continue;
                }

                return operation;
            }
        }
    }
}
