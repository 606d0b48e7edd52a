using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RaceAnalyzers.Audit
{
    /// <summary>What to audit and what to write, checked (<see cref="AuditCommand"/> reads them from the command line).</summary>
    internal sealed record AuditArguments(
        string Target,
        string OutputDirectory,
        IReadOnlyList<string> Formats,
        IReadOnlyDictionary<string, string> Properties,
        string? Baseline,
        string? WriteBaseline,
        bool Restore)
    {
        public static readonly string[] KnownFormats = { "md", "json", "sarif" };

        /// <summary>The arguments with full paths, or why they cannot be used.</summary>
        public static (AuditArguments? Arguments, string? Problem) Check(
            string target, string output, string formats, IEnumerable<string> properties, string? baseline, string? writeBaseline, bool restore)
        {
            var fullTarget = Path.GetFullPath(target);
            var extension = Path.GetExtension(fullTarget).ToLowerInvariant();
            if (extension != ".sln" && extension != ".slnx" && extension != ".csproj")
            {
                return (null, $"'{target}' is not a .sln, .slnx or .csproj file");
            }

            if (!File.Exists(fullTarget))
            {
                return (null, $"'{fullTarget}' does not exist");
            }

            var formatList = formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct().ToList();
            var unknown = formatList.FirstOrDefault(f => Array.IndexOf(KnownFormats, f) < 0);
            if (unknown != null || formatList.Count == 0)
            {
                return (null, $"unknown format '{unknown ?? formats}': use md, json and/or sarif");
            }

            var propertyMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in properties)
            {
                var equals = property.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return (null, $"'{property}' is not Name=Value (-p:Configuration=Release)");
                }

                propertyMap[property.Substring(0, equals)] = property.Substring(equals + 1);
            }

            if (baseline != null && !File.Exists(baseline))
            {
                return (null, $"the baseline '{Path.GetFullPath(baseline)}' does not exist (write one with --write-baseline)");
            }

            return (new AuditArguments(
                fullTarget,
                Path.GetFullPath(output),
                formatList,
                propertyMap,
                baseline == null ? null : Path.GetFullPath(baseline),
                writeBaseline == null ? null : Path.GetFullPath(writeBaseline),
                restore), null);
        }
    }
}
