using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// The entries of a compilation's assembly that the rules no longer find. Only the members the entries name are
    /// analyzed again, and only by the analyzers of the entries' rules: an entry whose member is gone is stale at once,
    /// the others are looked for in their member's declarations. A rule reported at the end of the compilation
    /// (RACE011) needs the whole compilation, so its entries are stale only when their member is gone (race-audit
    /// --baseline tells the rest).
    /// </summary>
    internal static class StaleEntries
    {
        /// <summary>The package's rule analyzers, made once: the analyzer assembly's own, without the baseline's.</summary>
        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> RuleAnalyzers = new Lazy<ImmutableArray<DiagnosticAnalyzer>>(() =>
            typeof(StaleEntries).Assembly.GetTypes()
                .Where(type => !type.IsAbstract
                               && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                               && !typeof(DiagnosticSuppressor).IsAssignableFrom(type)
                               && type != typeof(BaselineAnalyzer)
                               && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
                .OrderBy(type => type.FullName, StringComparer.Ordinal)
                .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type))
                .ToImmutableArray());

        public static IReadOnlyList<(BaselineEntry Entry, int Missing)> Find(Compilation compilation, AnalyzerOptions options, BaselineFile baseline, CancellationToken cancellationToken)
        {
            var assembly = compilation.AssemblyName ?? string.Empty;
            var entries = baseline.Entries.Where(e => e.Key.Assembly == assembly).ToList();
            if (entries.Count == 0)
            {
                return Array.Empty<(BaselineEntry, int)>();
            }

            var present = new List<FindingKey>();
            var spans = new Dictionary<SyntaxTree, List<TextSpan>>();
            var rules = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var declarations = Declarations(compilation, entry.Key.Member);
                if (declarations.Count == 0)
                {
                    continue;
                }

                if (RuleRecords.All.Any(r => r.Id == entry.Key.Rule && r.CompilationEnd))
                {
                    present.AddRange(Enumerable.Repeat(entry.Key, entry.Count));
                    continue;
                }

                rules.Add(entry.Key.Rule);
                foreach (var declaration in declarations)
                {
                    if (!spans.TryGetValue(declaration.SyntaxTree, out var list))
                    {
                        spans[declaration.SyntaxTree] = list = new List<TextSpan>();
                    }

                    list.Add(declaration.Span);
                }
            }

            present.AddRange(FindAgain(compilation, options, spans, rules, assembly, cancellationToken));
            return BaselineMatch.Of(entries, present).Absent;
        }

        /// <summary>The source declarations of the member a documentation id names, in this compilation's own code.</summary>
        private static IReadOnlyList<SyntaxReference> Declarations(Compilation compilation, string member)
        {
            if (member.Length == 0)
            {
                return Array.Empty<SyntaxReference>();
            }

            return DocumentationCommentId.GetSymbolsForDeclarationId(member, compilation)
                .Where(symbol => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly))
                .SelectMany(symbol => symbol.DeclaringSyntaxReferences)
                .ToList();
        }

        /// <summary>The keys of what the rules report in the given spans now, each finding once.</summary>
        private static IEnumerable<FindingKey> FindAgain(
            Compilation compilation, AnalyzerOptions options, Dictionary<SyntaxTree, List<TextSpan>> spans, HashSet<string> rules, string assembly, CancellationToken cancellationToken)
        {
            var analyzers = RuleAnalyzers.Value.Where(a => a.SupportedDiagnostics.Any(d => rules.Contains(d.Id))).ToImmutableArray();
            if (analyzers.IsEmpty || spans.Count == 0)
            {
                return Array.Empty<FindingKey>();
            }

            var again = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var found = new Dictionary<(SyntaxTree, TextSpan, string, string), Diagnostic>();
            foreach (var pair in spans.OrderBy(p => p.Key.FilePath, StringComparer.Ordinal))
            {
                var model = again.Compilation.GetSemanticModel(pair.Key);
                foreach (var span in pair.Value)
                {
                    foreach (var diagnostic in again.GetAnalyzerSemanticDiagnosticsAsync(model, span, cancellationToken).GetAwaiter().GetResult())
                    {
                        if (diagnostic.Id == "AD0001")
                        {
                            // An analyzer that threw is a failure of this one too, never a finding that went away.
                            throw new InvalidOperationException("A rule failed while the baseline was checked: " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                        }

                        if (rules.Contains(diagnostic.Id) && diagnostic.Location.SourceTree != null)
                        {
                            found[(diagnostic.Location.SourceTree, diagnostic.Location.SourceSpan, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))] = diagnostic;
                        }
                    }
                }
            }

            return found.Values
                .OrderBy(d => d, Comparer<Diagnostic>.Create(BaselineSuppressor.InSourceOrder))
                .Select(d => Fingerprint.Of(d, assembly, tree => again.Compilation.GetSemanticModel(tree)))
                .ToList();
        }
    }
}
