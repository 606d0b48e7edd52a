using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>An options provider with no .editorconfig values: what a project without RaceAnalyzers settings gives the rules.</summary>
    internal sealed class NoOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly NoOptions Instance = new NoOptions();

        public override AnalyzerConfigOptions GlobalOptions => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.Instance;

        private sealed class Empty : AnalyzerConfigOptions
        {
            public static readonly Empty Instance = new Empty();

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = null;
                return false;
            }
        }
    }
}
