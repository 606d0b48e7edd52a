using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// race-audit.sarif, SARIF 2.1.0: one result per finding, with related locations that say what happens there
    /// (each step of a lock-order cycle), which the compiler's own SARIF log cannot carry; the tool's version; each rule's
    /// CWE tags and precision; with --baseline, each result's baselineState (new, unchanged, absent).
    /// </summary>
    internal static class SarifReport
    {
        public static string Write(AuditReport report)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
                json.WriteString("version", "2.1.0");
                json.WriteStartArray("runs");
                json.WriteStartObject();
                Tool(json, report);
                json.WriteStartArray("results");
                foreach (var finding in report.Findings.Concat(report.Absent))
                {
                    Result(json, finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        private static void Tool(Utf8JsonWriter json, AuditReport report)
        {
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "race-audit");
            json.WriteString("version", ToolVersion.Value);
            json.WriteString("semanticVersion", ToolVersion.Value);
            json.WriteString("informationUri", "https://github.com/RaceAnalyzers/RaceAnalyzers/blob/main/docs/race-audit.md");
            json.WriteStartArray("rules");
            foreach (var id in report.Findings.Concat(report.Absent).Select(f => f.Rule).Distinct().OrderBy(id => id, StringComparer.Ordinal))
            {
                Rule(json, RuleRecords.Get(id));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <summary>A rule as code-scanning services read it: CWE tags (<c>external/cwe/cwe-362</c>) and a precision, as CodeQL's rules carry them.</summary>
        private static void Rule(Utf8JsonWriter json, RuleRecord rule)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Title);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(rule.Category.ToLowerInvariant());
            foreach (var tag in rule.CweTags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("precision", rule.Precision);
            json.WriteString("problem.severity", Level(rule) == "note" ? "recommendation" : Level(rule));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static string Level(RuleRecord rule) => rule.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };

        private static void Result(Utf8JsonWriter json, FindingEntry finding)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule);
            json.WriteString("level", Level(RuleRecords.Get(finding.Rule)));
            if (finding.BaselineState != null)
            {
                json.WriteString("baselineState", finding.BaselineState);
            }

            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            if (finding.At != null)
            {
                json.WriteStartArray("locations");
                json.WriteStartObject();
                PhysicalLocation(json, finding.At);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            if (finding.Related.Count > 0)
            {
                json.WriteStartArray("relatedLocations");
                foreach (var (related, index) in finding.Related.Select((r, i) => (r, i)))
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", index);
                    PhysicalLocation(json, related.At);
                    json.WriteStartObject("message");
                    json.WriteString("text", related.Message);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        private static void PhysicalLocation(Utf8JsonWriter json, Spot spot)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", spot.File);
            json.WriteString("uriBaseId", "SRCROOT");
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", spot.Line);
            json.WriteNumber("startColumn", spot.Column);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }
}
