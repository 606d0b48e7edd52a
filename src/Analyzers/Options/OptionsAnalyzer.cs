using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Options
{
    /// <summary>
    /// RACE000: a <c>race_analyzers.*</c> setting the analyzers cannot use — an unknown key, a method entry without a
    /// namespace or matching no method of the compilation, a call depth out of range, a word that cannot open a
    /// method name. Each distinct setting is judged once, at the end of the compilation. The compiler gives
    /// analyzers no position inside .editorconfig, so the diagnostic has none; its message names the key and entry.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OptionsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Race000InvalidOption);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(compilation =>
            {
                var settings = new HashSet<(string Key, string Value)>();
                foreach (var tree in compilation.Compilation.SyntaxTrees)
                {
                    var options = compilation.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                    foreach (var key in options.Keys)
                    {
                        if (key.StartsWith(OptionKeys.Prefix, StringComparison.Ordinal) && options.TryGetValue(key, out var value))
                        {
                            settings.Add((key, value ?? string.Empty));
                        }
                    }
                }

                foreach (var problem in settings.OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal)
                             .SelectMany(s => OptionProblems.Of(s.Key, s.Value, compilation.Compilation)))
                {
                    compilation.ReportDiagnostic(Diagnostic.Create(Descriptors.Race000InvalidOption, Location.None, problem));
                }
            });
        }
    }
}
