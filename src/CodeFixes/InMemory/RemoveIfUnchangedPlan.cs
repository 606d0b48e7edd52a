using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>
    /// RACE009's owner-checked removal, when the fix keeps its meaning (null for anything else):
    /// <c>if (d.TryGetValue(k, out var owner) &amp;&amp; owner == current) d.TryRemove(k, out _);</c> →
    /// <c>d.TryRemove(KeyValuePair.Create(k, owner));</c>, which removes the entry only while its value is still the
    /// owner the check saw. Offered only when
    /// <list type="bullet">
    /// <item>the compilation's ConcurrentDictionary has <c>TryRemove(KeyValuePair)</c> and <c>KeyValuePair.Create</c> exists (.NET 5 on);</item>
    /// <item>the removal runs only when the <c>TryGetValue</c> found the entry and <c>owner == x</c> held (the
    /// <c>if</c>s around it, or guards before it that leave), and nothing else writes <c>owner</c>: then the
    /// entry the new call may remove is one the check would have accepted too;</item>
    /// <item>that <c>==</c> decides as the dictionary's comparer does (<see cref="ValueEquality"/>);</item>
    /// <item>the removed value is not used (<c>out _</c>, or an out variable read nowhere): the new call has none.</item>
    /// </list>
    /// The call's bool result means the same (removed or not), so a caller that tests it keeps its test.
    /// </summary>
    internal static class RemoveIfUnchangedPlan
    {
        /// <summary>The removal call and the argument list that replaces its own.</summary>
        public static (InvocationExpressionSyntax Removal, string Arguments)? For(FixDocument document, DictionaryAccess write, DictionaryAccess read)
        {
            if (write.Member != DictionaryMember.TryRemoveByKey || read.Member != DictionaryMember.TryGetValue
                || !(write.Operation is IInvocationOperation { Syntax: InvocationExpressionSyntax removalSyntax } removal) || removal.Arguments.Length != 2
                || !(read.Operation is IInvocationOperation tryGet) || tryGet.Arguments.Length != 2
                || !(OperationFacts.ReferencedSymbol(CheckThenAct.DeclaredOrReferenced(tryGet.Arguments[1].Value)) is ILocalSymbol owner)
                || !(removal.TargetMethod.ContainingType is { } dictionary) || DictionaryShapes.RemoveIfValueEquals(dictionary) == null
                || !(DictionaryShapes.KeyValuePairFactory(document.Compilation) is { } factory))
            {
                return null;
            }

            var function = OperationFacts.EnclosingFunction(removal) ?? FixDocument.RootOf(removal);
            if (!RemovedValueUnused(removal.Arguments[1].Value, function) || !OnlySetBy(owner, tryGet, function)
                || !DecidedByTheOwner(removal, tryGet, owner, dictionary.TypeArguments[1])
                || !document.Model.LookupSymbols(removalSyntax.SpanStart, name: owner.Name).Contains(owner, SymbolEqualityComparer.Default))
            {
                return null;
            }

            // KeyValuePair as the code can name it there (imported, or spelled out).
            var named = document.Model.LookupNamespacesAndTypes(removalSyntax.SpanStart, name: factory.Name).Contains(factory, SymbolEqualityComparer.Default)
                ? factory.Name
                : factory.ToDisplayString();
            var key = removal.Arguments[0].Value.Syntax.ToString();
            return (removalSyntax, $"({named}.{DictionaryShapes.KeyValuePairCreate}({key}, {owner.Name}))");
        }

        /// <summary>The removal runs only when the TryGetValue found the entry and an equality on the owner held.</summary>
        private static bool DecidedByTheOwner(IInvocationOperation removal, IInvocationOperation tryGet, ILocalSymbol owner, ITypeSymbol valueType)
        {
            var facts = HoldingConditions.At(removal);
            return facts.Any(f => f.Value && ReferenceEquals(f.Condition, tryGet))
                   && facts.Any(f => f.Condition is IBinaryOperation comparison
                                     && (comparison.OperatorKind == BinaryOperatorKind.Equals ? f.Value : comparison.OperatorKind == BinaryOperatorKind.NotEquals && !f.Value)
                                     && ComparesOwner(comparison, owner)
                                     && ValueEquality.AgreesWithDefaultComparer(comparison, valueType));
        }

        /// <summary><c>owner == x</c> or <c>x == owner</c>, with <c>x</c> not the owner itself.</summary>
        private static bool ComparesOwner(IBinaryOperation comparison, ILocalSymbol owner)
        {
            bool IsOwner(IOperation operand) => OperationValues.SkipConversions(operand) is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, owner);
            return IsOwner(comparison.LeftOperand) != IsOwner(comparison.RightOperand);
        }

        /// <summary><c>out _</c>, or an out variable declared there and read nowhere.</summary>
        private static bool RemovedValueUnused(IOperation outArgument, IOperation function)
        {
            if (outArgument is IDiscardOperation)
            {
                return true;
            }

            if (!(outArgument is IDeclarationExpressionOperation declaration) || !(OperationFacts.ReferencedSymbol(declaration.Expression) is ILocalSymbol removed))
            {
                return false;
            }

            return !function.Descendants().Any(o => o is ILocalReferenceOperation { IsDeclaration: false } reference && SymbolEqualityComparer.Default.Equals(reference.Local, removed));
        }

        /// <summary>Nothing but the TryGetValue writes the owner (no assignment, increment, ref or out argument elsewhere).</summary>
        private static bool OnlySetBy(ILocalSymbol owner, IInvocationOperation tryGet, IOperation function)
        {
            foreach (var operation in function.Descendants())
            {
                if (!(operation is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, owner)
                    || tryGet.Arguments[1].Syntax.Span.Contains(reference.Syntax.Span))
                {
                    continue;
                }

                var use = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
                if (OperationFacts.IsWrite(reference) || use is ICompoundAssignmentOperation || use is IIncrementOrDecrementOperation
                    || (use is IArgumentOperation argument && argument.Parameter?.RefKind != RefKind.None))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
