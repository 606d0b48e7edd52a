using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Flow;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>
    /// RACE009's question about one write to a <c>ConcurrentDictionary</c> entry: which earlier read of the same
    /// entry decides it — the written value computed from what was read (<c>d[k] = d[k] + 1</c>), a condition on
    /// the read around the write (<c>if (!d.ContainsKey(k)) d[k] = …</c>), or a guard before it that leaves
    /// (<c>if (d.ContainsKey(k)) return;</c>). Null when none does, or both run in one exclusive section.
    /// </summary>
    internal sealed class CheckThenAct
    {
        private readonly INamedTypeSymbol _concurrentDictionary;

        private readonly WellKnownTypes _types;

        public CheckThenAct(INamedTypeSymbol concurrentDictionary, WellKnownTypes types)
        {
            _concurrentDictionary = concurrentDictionary;
            _types = types;
        }

        public DictionaryAccess? DecidingRead(DictionaryAccess write)
        {
            if (IsAnEntryOfTheSameDictionary(ValueOf(write), write))
            {
                return null;
            }

            var read = ReadIn(ValueOf(write), write, depth: 0) ?? ReadWhenIdentityMatters(write) ?? CheckOfACounter(write);
            return read == null || MutualExclusion.Covers(read.Operation, write.Operation) ? null : read;
        }

        /// <summary>
        /// <c>if (d.ContainsKey(k)) d[k] = d[k] + 1; else d[k] = 1;</c>: the else write is decided by the check too,
        /// since the other branch updates the entry from what it read. Two callers that both miss write 1 twice, and
        /// one count is lost. The check's read, or null when the other branch does not update the entry from a read.
        /// </summary>
        private DictionaryAccess? CheckOfACounter(DictionaryAccess write)
        {
            for (IOperation? child = write.Operation, parent = child.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return null;
                }

                if (!(parent is IConditionalOperation conditional) || ReferenceEquals(conditional.Condition, child)
                    || !(ReadIn(conditional.Condition, write, 0) is { } check))
                {
                    continue;
                }

                var otherBranch = ReferenceEquals(conditional.WhenTrue, child) ? conditional.WhenFalse : conditional.WhenTrue;
                foreach (var operation in otherBranch?.DescendantsAndSelf() ?? Enumerable.Empty<IOperation>())
                {
                    if (DictionaryAccess.Of(operation, _concurrentDictionary) is { Writes: true } other && other.SameEntry(write)
                        && ReadIn(ValueOf(other), other, 0) != null)
                    {
                        return check;
                    }
                }

                return null;
            }

            return null;
        }

        /// <summary>
        /// A check that decides whether a value is stored (not what it is) loses something only when the value has
        /// an identity callers rely on — a lock, a connection, anything disposable — or when it removes: two callers
        /// that each compute the same cached data and keep their own copy lose nothing.
        /// </summary>
        private DictionaryAccess? ReadWhenIdentityMatters(DictionaryAccess write)
        {
            var value = ValueOf(write);
            if (write.Member == DictionaryMember.TryRemoveByKey)
            {
                // A removal loses another thread's entry only when the check looked at the value (an owner compared);
                // a presence check that only leaves early decides nothing the removal's own result does not.
                var check = ReadInConditionAround(write) ?? ReadInGuardBefore(write);
                return check != null && LooksAtTheValue(check) ? check : null;
            }

            return IdentityMatters(OperationValues.SkipConversions(value))
                ? ReadInConditionAround(write) ?? ReadInGuardBefore(write)
                : null;
        }

        /// <summary>
        /// A value that every assignment takes from the same dictionary (<c>d.TryGetValue(fallbackKey, out v)</c>,
        /// then <c>d.TryAdd(k, v)</c>): every racing caller stores the same object, so no one's is lost.
        /// </summary>
        private bool IsAnEntryOfTheSameDictionary(IOperation? value, DictionaryAccess write)
        {
            if (!(OperationValues.SkipConversions(value) is ILocalReferenceOperation reference))
            {
                return false;
            }

            var assigned = false;
            foreach (var operation in (OperationFacts.EnclosingFunction(write.Operation) ?? RootOf(write.Operation)).Descendants())
            {
                var source = operation switch
                {
                    IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local)
                        => OperationValues.SkipConversions(initializer.Value),
                    ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, reference.Local) => WriteSource(other),
                    _ => null,
                };
                if (source == null)
                {
                    continue;
                }

                if (!(DictionaryAccess.Of(source, _concurrentDictionary) is { Writes: false } read)
                    || !SymbolEqualityComparer.Default.Equals(read.Dictionary, write.Dictionary))
                {
                    return false;
                }

                assigned = true;
            }

            return assigned;
        }

        /// <summary>
        /// Where a reference to the local gets its value when it is written: the call of an out argument, an
        /// assignment's value; the reference itself for any other write (<c>v++</c>, <c>ref v</c>), which is no
        /// dictionary read; null for a read.
        /// </summary>
        private static IOperation? WriteSource(ILocalReferenceOperation reference)
        {
            var use = reference.Parent is IDeclarationExpressionOperation declaration ? declaration.Parent : reference.Parent;
            switch (use)
            {
                case IArgumentOperation { Parameter.RefKind: RefKind.Out } argument:
                    return argument.Parent;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref } argument:
                    return argument;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                    return OperationValues.SkipConversions(assignment.Value);
                case ICompoundAssignmentOperation compound when ReferenceEquals(compound.Target, reference):
                    return compound;
                case IIncrementOrDecrementOperation increment:
                    return increment;
                default:
                    return null;
            }
        }

        private static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The read yields the entry's value and the code uses it: an indexer get, GetValueOrDefault, or a TryGetValue whose out value is read.</summary>
        private static bool LooksAtTheValue(DictionaryAccess read)
        {
            switch (read.Member)
            {
                case DictionaryMember.ContainsKey:
                    return false;
                case DictionaryMember.TryGetValue when read.Operation is IInvocationOperation call && call.Arguments.Length == 2:
                    var value = OperationFacts.ReferencedSymbol(DeclaredOrReferenced(call.Arguments[1].Value));
                    return value != null && IsReadElsewhere(call, value);
                default:
                    return true;
            }
        }

        private static bool IsReadElsewhere(IInvocationOperation tryGet, ISymbol local)
        {
            IOperation root = tryGet;
            while (root.Parent != null && !(root is IAnonymousFunctionOperation || root is ILocalFunctionOperation))
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !reference.IsDeclaration && !ReferenceEquals(reference.Parent, tryGet.Arguments[1]))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IdentityMatters(IOperation? value) => _types.HasIdentity(value?.Type);


        /// <summary>The written value: the right side of an indexer set, the value argument of <c>TryAdd</c>.</summary>
        public static IOperation? ValueOf(DictionaryAccess write)
            => write.Operation.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, write.Operation)
                ? assignment.Value
                : write.Member == DictionaryMember.TryAdd && write.Operation is IInvocationOperation add && add.Arguments.Length == 2 ? add.Arguments[1].Value : null;

        private DictionaryAccess? ReadInConditionAround(DictionaryAccess write)
        {
            for (IOperation? child = write.Operation, parent = child.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, child) && ReadIn(conditional.Condition, write, 0) is { } read)
                {
                    return read;
                }
            }

            return null;
        }

        /// <summary><c>if (d.ContainsKey(k)) return;</c> earlier in a block around the write.</summary>
        private DictionaryAccess? ReadInGuardBefore(DictionaryAccess write)
        {
            for (IOperation? child = write.Operation, parent = child.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return null;
                }

                if (!(parent is IBlockOperation block))
                {
                    continue;
                }

                foreach (var statement in block.Operations)
                {
                    if (ReferenceEquals(statement, child))
                    {
                        break;
                    }

                    if (statement is IConditionalOperation { WhenFalse: null } guard && Leaves(guard.WhenTrue) && ReadIn(guard.Condition, write, 0) is { } read)
                    {
                        return read;
                    }
                }
            }

            return null;
        }

        /// <summary>A read of the written entry in <paramref name="operation"/>, directly or through a local assigned from one (or set by TryGetValue).</summary>
        private DictionaryAccess? ReadIn(IOperation? operation, DictionaryAccess write, int depth)
        {
            if (operation == null || depth > 4)
            {
                return null;
            }

            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (DictionaryAccess.Of(descendant, _concurrentDictionary) is { Writes: false } read && read.SameEntry(write))
                {
                    return read;
                }

                if (descendant is ILocalReferenceOperation local && !OperationFacts.IsWrite(local) && ReadInto(local, write, depth) is { } throughLocal)
                {
                    return throughLocal;
                }
            }

            return null;
        }

        /// <summary>The read a local's value came from: its single assignment, or the TryGetValue whose out argument it is.</summary>
        private DictionaryAccess? ReadInto(ILocalReferenceOperation local, DictionaryAccess write, int depth)
        {
            // A local given a value of its own (`v = Create(k)`) carries that value, not what TryGetValue put in it.
            if (OperationValues.SingleAssignedValue(local) is { } assigned)
            {
                return ReadIn(assigned, write, depth + 1);
            }

            IOperation root = local;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            // `v += x` and `v++` keep what was read in the value; only a plain assignment replaces it.
            if (root.DescendantsAndSelf().Any(o => o is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local.Local)))
            {
                return null;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && DictionaryShapes.MemberOf(call.TargetMethod) == DictionaryMember.TryGetValue && call.Arguments.Length == 2
                    && SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(DeclaredOrReferenced(call.Arguments[1].Value)), local.Local)
                    && DictionaryAccess.Of(call, _concurrentDictionary) is { } tryGet && tryGet.SameEntry(write))
                {
                    return tryGet;
                }
            }

            return null;
        }

        /// <summary>The variable an out argument writes: <c>out var v</c>'s local reference, or <c>out v</c> itself.</summary>
        internal static IOperation? DeclaredOrReferenced(IOperation argument)
            => argument is IDeclarationExpressionOperation declaration ? declaration.Expression : argument;

        /// <summary>The branch ends by leaving: return, throw, continue or break.</summary>
        internal static bool Leaves(IOperation branch)
        {
            var last = branch is IBlockOperation block ? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1] : null) : branch;
            return last is IReturnOperation || last is IThrowOperation || last is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break }
                   || last is IExpressionStatementOperation { Operation: IThrowOperation };
        }
    }
}
