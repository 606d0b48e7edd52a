using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>
    /// RACE009's GetOrAdd for a check that returns the stored value and otherwise stores a new one:
    /// <code>
    /// if (d.ContainsKey(k)) return d[k].Task;
    /// var v = new T(…);
    /// d[k] = v;
    /// return v.Task;
    /// </code>
    /// → <c>var v = d.GetOrAdd(k, _ =&gt; new T(…)); return v.Task;</c>: every caller gets the one value stored.
    /// Offered only when the three statements follow each other and the return uses the stored value as the
    /// early return uses <c>d[k]</c>; <c>v</c> is <c>TValue</c> and used nowhere else; the key has no effects; and
    /// the new value only allocates (<see cref="ExpressionEffects.OnlyAllocates"/>): under contention GetOrAdd
    /// may build it for a caller whose value then loses, and only an allocation can be dropped unseen.
    /// Null for anything else.
    /// </summary>
    internal static class ReturnStoredOrAddedPlan
    {
        /// <summary>The checking <c>if</c>, the declaration of the new value, the write storing it, and the GetOrAdd call that initializes the declaration instead.</summary>
        public static (IfStatementSyntax Check, LocalDeclarationStatementSyntax Created, ExpressionStatementSyntax Store, string Call)? For(DictionaryAccess write, DictionaryAccess read)
        {
            if (read.Member != DictionaryMember.ContainsKey
                || !(write.Operation.Parent is ISimpleAssignmentOperation { Value: ILocalReferenceOperation stored, Parent: IExpressionStatementOperation { Syntax: ExpressionStatementSyntax storeSyntax } store })
                || !(store.Parent is IBlockOperation block) || !(write.Operation.Type is { } valueType)
                || !SymbolEqualityComparer.Default.Equals(stored.Local.Type, valueType))
            {
                return null;
            }

            var index = block.Operations.IndexOf(store);
            if (index < 2 || index + 1 >= block.Operations.Length
                || !(block.Operations[index - 1] is IVariableDeclarationGroupOperation { Syntax: LocalDeclarationStatementSyntax createdSyntax } created)
                || !(created.Declarations.SelectMany(d => d.Declarators).SingleOrDefault() is { Initializer.Value: { } value } declarator)
                || !SymbolEqualityComparer.Default.Equals(declarator.Symbol, stored.Local)
                || !(block.Operations[index - 2] is IConditionalOperation { WhenFalse: null, Syntax: IfStatementSyntax checkSyntax } check)
                || !ReferenceEquals(OperationValues.SkipConversionsAndParentheses(check.Condition), read.Operation)
                || !(OnlyReturnIn(check.WhenTrue) is { } existing) || !(block.Operations[index + 1] is IReturnOperation { ReturnedValue: { } used })
                || !ReturnsTheSame(existing, used, read, stored.Local)
                || !ExpressionEffects.OnlyAllocates(value) || !(read.Key.Syntax is ExpressionSyntax key) || ExpressionEffects.HasEffects(key)
                || value.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), write.Dictionary) || SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(o), stored.Local))
                || UsedElsewhere(stored.Local, block, createdSyntax, storeSyntax, used)
                || !(read.Operation is IInvocationOperation { Instance.Syntax: ExpressionSyntax dictionary }))
            {
                return null;
            }

            return (checkSyntax, createdSyntax, storeSyntax, $"{dictionary.WithoutTrivia()}.GetOrAdd({key.WithoutTrivia()}, _ => {value.Syntax.WithoutTrivia()})");
        }

        private static IOperation? OnlyReturnIn(IOperation branch)
            => (branch is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : branch) is IReturnOperation { ReturnedValue: { } returned } ? returned : null;

        /// <summary>The early return's value with its one read of the entry put as the new local is the final return's value.</summary>
        private static bool ReturnsTheSame(IOperation existing, IOperation used, DictionaryAccess read, ILocalSymbol local)
        {
            var entryReads = existing.DescendantsAndSelf()
                .Where(o => o is IPropertyReferenceOperation { Property.IsIndexer: true, Instance.Type: INamedTypeSymbol type } && DictionaryAccess.Of(o, type.OriginalDefinition) is { Writes: false } access && access.SameEntry(read))
                .ToList();
            if (entryReads.Count != 1 || existing.DescendantsAndSelf().Any(o => ReferenceEquals(OperationFacts.ReferencedSymbol(o), read.Dictionary) && !entryReads[0].Syntax.Span.Contains(o.Syntax.Span)))
            {
                return false;
            }

            var rewritten = existing.Syntax.ReplaceNode(entryReads[0].Syntax, SyntaxFactory.IdentifierName(local.Name));
            return SyntaxFactory.AreEquivalent(rewritten, used.Syntax);
        }

        private static bool UsedElsewhere(ILocalSymbol local, IOperation block, SyntaxNode created, SyntaxNode store, IOperation used)
            => (OperationFacts.EnclosingFunction(block) ?? FixDocument.RootOf(block)).Descendants().OfType<ILocalReferenceOperation>()
                .Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local) && !created.Span.Contains(r.Syntax.Span) && !store.Span.Contains(r.Syntax.Span) && !used.Syntax.Span.Contains(r.Syntax.Span));
    }
}
