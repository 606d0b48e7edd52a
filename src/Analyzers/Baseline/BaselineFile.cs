using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RaceAnalyzers.Baseline
{
    /// <summary>
    /// race-baseline.json: the findings a code base had when the baseline was written, one entry per
    /// <see cref="FindingKey"/> with a count, sorted, one property a line (a review reads its diff). race-audit writes
    /// it; the build reads it (<see cref="BaselineSuppressor"/>, <see cref="BaselineAnalyzer"/>).
    /// </summary>
    internal sealed class BaselineFile
    {
        public const string DefaultName = "race-baseline.json";

        public const int FormatVersion = 1;

        private const string About = "RaceAnalyzers baseline: the findings the code had when it was written. The build suppresses exactly these (justification \\\"baseline\\\") and reports every other; remove an entry once its finding is fixed. Written by race-audit --write-baseline.";

        public BaselineFile(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

        public IReadOnlyList<BaselineEntry> Entries { get; }

        /// <summary>The baseline in <paramref name="text"/>, or why it cannot be used and where (0-based).</summary>
        public static BaselineFile Parse(string text)
        {
            JsonValue root;
            try
            {
                root = JsonReader.Read(text);
            }
            catch (JsonProblem problem)
            {
                throw new BaselineProblem("it is not JSON: " + problem.Message, problem.Position);
            }

            if (!(root.Value is Dictionary<string, JsonValue> properties))
            {
                throw new BaselineProblem("it is not a JSON object", root.Position);
            }

            if (!properties.TryGetValue("version", out var version) || !(version.Value is double number) || number != FormatVersion)
            {
                throw new BaselineProblem("its \"version\" is not " + FormatVersion, version?.Position ?? root.Position);
            }

            if (!properties.TryGetValue("findings", out var findings) || !(findings.Value is List<JsonValue> items))
            {
                throw new BaselineProblem("it has no \"findings\" array", root.Position);
            }

            return new BaselineFile(items.Select(Entry).ToList());
        }

        private static BaselineEntry Entry(JsonValue item)
        {
            if (!(item.Value is Dictionary<string, JsonValue> entry))
            {
                throw new BaselineProblem("a finding is not a JSON object", item.Position);
            }

            string Text(string name, bool required)
            {
                if (entry.TryGetValue(name, out var value) && value.Value is string text)
                {
                    return text;
                }

                if (required || (value != null && value.Value != null))
                {
                    throw new BaselineProblem("a finding has no \"" + name + "\" string", value?.Position ?? item.Position);
                }

                return string.Empty;
            }

            int Number(string name, int fallback, int minimum)
            {
                if (!entry.TryGetValue(name, out var value) || value.Value == null)
                {
                    return fallback;
                }

                if (!(value.Value is double number) || number != Math.Floor(number) || number < minimum || number > int.MaxValue)
                {
                    throw new BaselineProblem("a finding's \"" + name + "\" is not a whole number of at least " + minimum, value.Position);
                }

                return (int)number;
            }

            var key = new FindingKey(Text("rule", true), Text("assembly", false), Text("member", true), Text("operations", true));
            return new BaselineEntry(key, Number("count", 1, 1), Text("file", false), Number("line", 0, 0), Text("message", false), item.Position);
        }

        /// <summary>The file's text: entries sorted by rule, assembly, file, member and operations, '\n' line ends.</summary>
        public string Write()
        {
            var text = new StringBuilder();
            text.Append("{\n  \"about\": \"").Append(About).Append("\",\n");
            text.Append("  \"version\": ").Append(FormatVersion).Append(",\n  \"findings\": [");
            var sorted = Entries
                .OrderBy(e => e.Key.Rule, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Assembly, StringComparer.Ordinal)
                .ThenBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Member, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Operations, StringComparer.Ordinal)
                .ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                var entry = sorted[i];
                text.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
                Property(text, "rule", entry.Key.Rule);
                Property(text, "assembly", entry.Key.Assembly);
                Property(text, "member", entry.Key.Member);
                Property(text, "operations", entry.Key.Operations);
                text.Append("      \"count\": ").Append(entry.Count.ToString(CultureInfo.InvariantCulture)).Append(",\n");
                Property(text, "file", entry.File);
                text.Append("      \"line\": ").Append(entry.Line.ToString(CultureInfo.InvariantCulture)).Append(",\n");
                text.Append("      \"message\": ").Append(Quote(entry.Message)).Append("\n    }");
            }

            text.Append(sorted.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
            return text.ToString();
        }

        private static void Property(StringBuilder text, string name, string value)
            => text.Append("      \"").Append(name).Append("\": ").Append(Quote(value)).Append(",\n");

        private static string Quote(string value)
        {
            var quoted = new StringBuilder("\"");
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            quoted.Append(c);
                        }

                        break;
                }
            }

            return quoted.Append('"').ToString();
        }
    }

    /// <summary>Why a baseline file cannot be used, and where in it (0-based).</summary>
    internal sealed class BaselineProblem : Exception
    {
        public BaselineProblem(string message, int position)
            : base(message)
        {
            Position = position;
        }

        public int Position { get; }
    }
}
