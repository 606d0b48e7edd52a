using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>
    /// The <c>race_analyzers.*</c> options of one syntax tree. Trees usually share one .editorconfig section, so
    /// parsed method lists are cached by their raw text for the whole compilation.
    /// </summary>
    internal sealed class RaceOptions
    {
        public const string AcquireMethodsKey = "race_analyzers.acquire_methods";
        public const string ReleaseMethodsKey = "race_analyzers.release_methods";
        public const string DependentMethodsKey = "race_analyzers.dependent_methods";

        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<(string?, string?, string?), ConfiguredMethods> _parsed = new ConcurrentDictionary<(string?, string?, string?), ConfiguredMethods>();

        public RaceOptions(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        public ConfiguredMethods MethodsFor(SyntaxTree tree)
        {
            var options = _provider.GetOptions(tree);
            var key = (Read(options, AcquireMethodsKey), Read(options, ReleaseMethodsKey), Read(options, DependentMethodsKey));
            if (key.Item1 == null && key.Item2 == null && key.Item3 == null)
            {
                return ConfiguredMethods.Empty;
            }

            return _parsed.GetOrAdd(key, k => ConfiguredMethods.Parse(k.Item1, k.Item2, k.Item3));
        }

        private static string? Read(AnalyzerConfigOptions options, string key)
            => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
