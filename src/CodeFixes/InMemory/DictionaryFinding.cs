using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>The write a RACE009 diagnostic reports and the read that decided it (its additional location), found again in the semantic model.</summary>
    internal static class DictionaryFinding
    {
        public static (DictionaryAccess Write, DictionaryAccess Read)? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            var dictionary = document.Compilation.GetTypeByMetadataName(DictionaryShapes.ConcurrentDictionaryMetadataName);
            if (dictionary == null || diagnostic.AdditionalLocations.Count == 0 || !(document.OperationAt(diagnostic.Location.SourceSpan) is { } reported))
            {
                return null;
            }

            // Both from the one operation tree of the body, so the shapes can compare operations by identity.
            DictionaryAccess? write = null, read = null;
            foreach (var operation in FixDocument.RootOf(reported).Descendants())
            {
                if (!(operation is IPropertyReferenceOperation || operation is IInvocationOperation) || !(DictionaryAccess.Of(operation, dictionary) is { } access))
                {
                    continue;
                }

                if (access.Writes && ConcurrentDictionaryAnalyzer.WriteLocationNode(access).Span == diagnostic.Location.SourceSpan)
                {
                    write = access;
                }
                else if (access.Operation.Syntax.Span == diagnostic.AdditionalLocations[0].SourceSpan)
                {
                    read = access;
                }
            }

            return write != null && read != null ? (write, read) : null;
        }
    }
}
