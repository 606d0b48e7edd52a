using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// Which locals, parameters, fields and properties flow into a value within one method, flow-insensitively:
    /// <c>var key = "chat:" + sessionId; db.ListRange(key)</c> has roots <c>key</c> and <c>sessionId</c>.
    /// Services (clients, connections, loggers), cancellation tokens and callbacks are not data and never roots.
    /// </summary>
    internal sealed class ValueRoots
    {
        private readonly Dictionary<ISymbol, HashSet<ISymbol>> _flowsInto = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);

        private ValueRoots()
        {
        }

        // Several rules trace values in the same body (RACE003, RACE006/007, RACE010's offset store, the SQL rules): one map per body.
        private static readonly ConditionalWeakTable<IOperation, ValueRoots> Cache = new ConditionalWeakTable<IOperation, ValueRoots>();
        private static readonly ConditionalWeakTable<IOperation, ValueRoots>.CreateValueCallback Create = Build;

        /// <summary>The value map of the method rooted at <paramref name="methodRoot"/>, built once; read-only after.</summary>
        public static ValueRoots For(IOperation methodRoot) => Cache.GetValue(methodRoot, Create);

        /// <summary>Records every assignment in the method (and its lambdas) whose target is a local or a member of one.</summary>
        private static ValueRoots Build(IOperation methodRoot)
        {
            var roots = new ValueRoots();
            foreach (var operation in BodyOperations.Of(methodRoot).AndSelf)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                        roots.Add(declarator.Symbol, initializer.Value);
                        break;
                    case IAssignmentOperation assignment when RootLocal(assignment.Target) is ILocalSymbol target:
                        roots.Add(target, assignment.Value);
                        break;
                    case IInvocationOperation call when RootLocal(call.Instance) is ILocalSymbol receiver:
                        // command.Parameters.AddWithValue("@id", id): the argument now travels with the command.
                        foreach (var argument in call.Arguments)
                        {
                            roots.Add(receiver, argument.Value);
                        }

                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var target in deconstruction.Target.DescendantsAndSelf())
                        {
                            if (target is ILocalReferenceOperation local)
                            {
                                roots.Add(local.Local, deconstruction.Value);
                            }
                        }

                        break;
                    case IForEachLoopOperation loop when loop.LoopControlVariable is IVariableDeclaratorOperation variable:
                        roots.Add(variable.Symbol, loop.Collection);
                        break;
                }
            }

            return roots;
        }

        /// <summary>
        /// The data symbols that flow into <paramref name="operand"/>, through locals transitively. Locals of any
        /// type carry values (a command carries the parameters added to it); only data symbols are returned.
        /// </summary>
        public HashSet<ISymbol> Of(IOperation operand) => Of(operand, everyValue: false);

        /// <summary>
        /// With <paramref name="everyValue"/>, every local, parameter, field and property that flows in, services
        /// and objects whose members are read included (<c>result</c> in <c>result.Message.Value</c>).
        /// </summary>
        public HashSet<ISymbol> Of(IOperation operand, bool everyValue)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<ISymbol>();
            foreach (var symbol in DirectReferences(operand, everyValue))
            {
                if (seen.Add(symbol))
                {
                    pending.Push(symbol);
                }
            }

            while (pending.Count > 0)
            {
                if (_flowsInto.TryGetValue(pending.Pop(), out var sources))
                {
                    foreach (var source in sources)
                    {
                        if (seen.Add(source))
                        {
                            pending.Push(source);
                        }
                    }
                }
            }

            if (everyValue)
            {
                return seen;
            }

            var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in seen)
            {
                if (ApiCatalog.CanNameEntity(OperationFacts.TypeOf(symbol)))
                {
                    result.Add(symbol);
                }
            }

            return result;
        }

        /// <summary>The symbol naming a receiver object (a hub connection field), if it is one.</summary>
        public static ISymbol? ReceiverSymbol(IInvocationOperation call) => OperationFacts.ReferencedSymbol(OperationFacts.ReceiverOf(call));

        private void Add(ISymbol target, IOperation value)
        {
            if (!_flowsInto.TryGetValue(target, out var sources))
            {
                sources = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                _flowsInto.Add(target, sources);
            }

            sources.UnionWith(DirectReferences(value, everyValue: true));
        }

        private static IEnumerable<ISymbol> DirectReferences(IOperation operand, bool everyValue)
        {
            foreach (var operation in operand.DescendantsAndSelf())
            {
                var symbol = everyValue ? AnySymbol(operation) : DataSymbol(operation, isOperand: ReferenceEquals(operation, operand));
                if (symbol != null)
                {
                    yield return symbol;
                }
            }
        }

        private static ISymbol? AnySymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
            _ => null,
        };

        /// <summary>
        /// The symbol an operation contributes as data. A member of an object is the member (<c>request.SessionId</c>
        /// is <c>SessionId</c>), a member of a value is the value (<c>sessionId.Length</c> is <c>sessionId</c>); the
        /// receiver of a call on a service is no data at all.
        /// </summary>
        private static ISymbol? DataSymbol(IOperation operation, bool isOperand)
        {
            var symbol = operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => (ISymbol)parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
                _ => null,
            };
            if (symbol == null || (!(symbol is ILocalSymbol) && !ApiCatalog.CanNameEntity(OperationFacts.TypeOf(symbol))))
            {
                return null;
            }

            if (isOperand)
            {
                return symbol;
            }

            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            var isValue = IsValueLike(operation.Type);
            if (parent is IMemberReferenceOperation member && ReferenceEquals(OperationValues.SkipConversions(member.Instance), operation))
            {
                return isValue ? symbol : null;
            }

            if (parent is IInvocationOperation call && ReferenceEquals(OperationValues.SkipConversions(call.Instance), operation))
            {
                return isValue ? symbol : null;
            }

            return symbol;
        }

        private static bool IsValueLike(ITypeSymbol? type)
            => type != null && (type.IsValueType || type.SpecialType == SpecialType.System_String);

        private static ILocalSymbol? RootLocal(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IMemberReferenceOperation member:
                        operation = member.Instance;
                        break;
                    case ILocalReferenceOperation local:
                        return local.Local;
                    default:
                        return null;
                }
            }
        }
    }
}
