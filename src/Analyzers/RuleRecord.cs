using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>
    /// Everything the package says about one rule id, in one place: the descriptors are made from it, and the
    /// presets, release tracking, README table, rule page headers and the benchmark's rule list are generated from
    /// or checked against it (tests/Docs). Messages and descriptions stay with each descriptor in <see cref="Descriptors"/>.
    /// </summary>
    internal sealed class RuleRecord
    {
        public const string HelpLinkBase = "https://github.com/RaceAnalyzers/RaceAnalyzers/blob/main/docs/rules/";

        public RuleRecord(
            string id,
            string family,
            string title,
            string analyzer,
            string[] options,
            bool compilationEnd = false,
            bool findsRaces = true,
            DiagnosticSeverity severity = DiagnosticSeverity.Warning,
            string strictSeverity = "error",
            string advisorySeverity = "suggestion",
            string[]? cwes = null,
            string precision = "high")
        {
            Id = id;
            Family = family;
            Title = title;
            Analyzer = analyzer;
            Options = options;
            CompilationEnd = compilationEnd;
            FindsRaces = findsRaces;
            DefaultSeverity = severity;
            StrictSeverity = strictSeverity;
            AdvisorySeverity = advisorySeverity;
            Cwes = cwes ?? new string[0];
            Precision = precision;
        }

        public string Id { get; }

        /// <summary>The folder of the rule's analysis and fixes (src/Analyzers/Rules/&lt;Family&gt;, src/CodeFixes/&lt;Family&gt;, tests).</summary>
        public string Family { get; }

        public string Title { get; }

        public string Category { get; } = "Concurrency";

        public DiagnosticSeverity DefaultSeverity { get; }

        /// <summary>The .editorconfig severity under <c>RaceAnalyzersMode=Strict</c> (src/Package/buildTransitive).</summary>
        public string StrictSeverity { get; }

        /// <summary>The .editorconfig severity under <c>RaceAnalyzersMode=Advisory</c>.</summary>
        public string AdvisorySeverity { get; }

        /// <summary>
        /// A rule about the code (RACE001 on); false for the ones about the package's own inputs (RACE000 settings,
        /// the baseline file), which are not baselined and have no rule family folder.
        /// </summary>
        public bool FindsRaces { get; }

        /// <summary>The <c>race_analyzers.*</c> keys the rule reads, besides its severity.</summary>
        public string[] Options { get; }

        /// <summary>The simple name of the analyzer type that reports the rule.</summary>
        public string Analyzer { get; }

        /// <summary>Reported at the end of the compilation: its descriptors carry the CompilationEnd tag.</summary>
        public bool CompilationEnd { get; }

        /// <summary>The weaknesses the rule finds (<c>CWE-362</c>), as code-scanning services read them from SARIF tags.</summary>
        public string[] Cwes { get; }

        /// <summary>
        /// How often a finding is a real bug, in CodeQL's words (very-high, high, medium, low): measured on the real-bug
        /// suite (docs/real-bugs.md) and the open-source runs (docs/held-out-corpus.md); a rule with a false positive on
        /// real code, even a fixed one, is medium until more code says otherwise.
        /// </summary>
        public string Precision { get; }

        /// <summary>The SARIF tags of the rule's weaknesses: <c>external/cwe/cwe-362</c>.</summary>
        public string[] CweTags
        {
            get
            {
                var tags = new string[Cwes.Length];
                for (var i = 0; i < Cwes.Length; i++)
                {
                    tags[i] = "external/cwe/" + Cwes[i].ToLowerInvariant();
                }

                return tags;
            }
        }

        public string HelpLinkUri => HelpLinkBase + Id + ".md";
    }
}
