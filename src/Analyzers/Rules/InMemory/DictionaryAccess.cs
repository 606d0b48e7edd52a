using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>One access to a <c>ConcurrentDictionary</c> entry: which dictionary, which key, reading or writing.</summary>
    internal sealed class DictionaryAccess
    {
        private DictionaryAccess(IOperation operation, DictionaryMember member, ISymbol dictionary, IOperation key, bool writes)
        {
            Operation = operation;
            Member = member;
            Dictionary = dictionary;
            Key = key;
            Writes = writes;
        }

        /// <summary>The invocation or indexer reference.</summary>
        public IOperation Operation { get; }

        /// <summary>The member called; <see cref="DictionaryMember.None"/> for the indexer.</summary>
        public DictionaryMember Member { get; }

        /// <summary>The field, parameter or local holding the dictionary.</summary>
        public ISymbol Dictionary { get; }

        public IOperation Key { get; }

        /// <summary>Indexer set, <c>TryAdd</c>, <c>TryRemove</c>; else a read (<c>ContainsKey</c>, <c>TryGetValue</c>, indexer get, <c>GetValueOrDefault</c>).</summary>
        public bool Writes { get; }

        public static DictionaryAccess? Of(IOperation operation, INamedTypeSymbol concurrentDictionary)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsConcurrentDictionary(indexer.Instance?.Type, concurrentDictionary) && indexer.Arguments.Length == 1:
                    var written = indexer.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, indexer);
                    return Create(indexer, DictionaryMember.None, indexer.Instance, indexer.Arguments[0].Value, written);
                case IInvocationOperation call when call.Arguments.Length >= 1:
                    var member = DictionaryShapes.MemberOf(call.TargetMethod);
                    switch (member)
                    {
                        case DictionaryMember.ContainsKey:
                        case DictionaryMember.TryGetValue:
                        case DictionaryMember.TryAdd:
                        case DictionaryMember.TryRemoveByKey:
                            return call.Instance != null && IsConcurrentDictionary(call.Instance.Type, concurrentDictionary)
                                ? Create(call, member, call.Instance, call.Arguments[0].Value, writes: member == DictionaryMember.TryAdd || member == DictionaryMember.TryRemoveByKey)
                                : null;
                        case DictionaryMember.GetValueOrDefault when call.Arguments.Length >= 2
                            && IsConcurrentDictionary(OperationValues.SkipConversions(call.Arguments[0].Value)?.Type, concurrentDictionary):
                            return Create(call, member, OperationValues.SkipConversions(call.Arguments[0].Value), call.Arguments[1].Value, writes: false);
                        default:
                            return null;
                    }

                default:
                    return null;
            }
        }

        /// <summary>Same dictionary and same key: the same symbol, the same constant, or the same expression.</summary>
        public bool SameEntry(DictionaryAccess other)
        {
            if (!SymbolEqualityComparer.Default.Equals(Dictionary, other.Dictionary))
            {
                return false;
            }

            var key = OperationValues.SkipConversions(Key)!;
            var otherKey = OperationValues.SkipConversions(other.Key)!;
            var symbol = OperationFacts.ReferencedSymbol(key);
            if (symbol != null || OperationFacts.ReferencedSymbol(otherKey) != null)
            {
                return SymbolEqualityComparer.Default.Equals(symbol, OperationFacts.ReferencedSymbol(otherKey))
                       && SyntaxFactory.AreEquivalent(key.Syntax, otherKey.Syntax);
            }

            return key.ConstantValue.HasValue ? Equals(key.ConstantValue.Value, otherKey.ConstantValue.Value) : SyntaxFactory.AreEquivalent(key.Syntax, otherKey.Syntax);
        }

        private static DictionaryAccess? Create(IOperation operation, DictionaryMember member, IOperation? receiver, IOperation key, bool writes)
        {
            var dictionary = OperationFacts.ReferencedSymbol(OperationValues.SkipConversions(receiver));
            return dictionary == null ? null : new DictionaryAccess(operation, member, dictionary, key, writes);
        }

        private static bool IsConcurrentDictionary(ITypeSymbol? type, INamedTypeSymbol concurrentDictionary)
            => type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, concurrentDictionary);
    }
}
