using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RaceAnalyzers.Audit
{
    /// <summary><c>race-audit &lt;.sln|.slnx|.csproj&gt; [--out DIR] [--format md,json,sarif]</c>.</summary>
    internal sealed class AuditArguments
    {
        public const string Usage = "usage: race-audit <path to .sln, .slnx or .csproj> [--out DIR] [--format md,json,sarif] [-p:Name=Value ...]";

        private static readonly string[] KnownFormats = { "md", "json", "sarif" };

        private AuditArguments(string target, string outputDirectory, IReadOnlyList<string> formats, IReadOnlyDictionary<string, string> properties)
        {
            Target = target;
            OutputDirectory = outputDirectory;
            Formats = formats;
            Properties = properties;
        }

        /// <summary>The full path of the solution or project.</summary>
        public string Target { get; }

        public string OutputDirectory { get; }

        public IReadOnlyList<string> Formats { get; }

        /// <summary>MSBuild global properties for loading the projects (<c>-p:Configuration=Release</c>, <c>-p:TargetFramework=net8.0</c>).</summary>
        public IReadOnlyDictionary<string, string> Properties { get; }

        /// <summary>The arguments, or the reason they cannot be used.</summary>
        public static (AuditArguments? Arguments, string? Problem) Parse(string[] args)
        {
            string? target = null;
            var output = Directory.GetCurrentDirectory();
            IReadOnlyList<string> formats = KnownFormats;
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--out" when i + 1 < args.Length:
                        output = Path.GetFullPath(args[++i]);
                        break;
                    case "--format" when i + 1 < args.Length:
                        formats = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct().ToList();
                        var unknown = formats.FirstOrDefault(f => Array.IndexOf(KnownFormats, f) < 0);
                        if (unknown != null || formats.Count == 0)
                        {
                            return (null, $"unknown format '{unknown}': use md, json and/or sarif");
                        }

                        break;
                    case var property when property.StartsWith("-p:", StringComparison.Ordinal) || property.StartsWith("--property:", StringComparison.Ordinal):
                        var assignment = property.Substring(property.IndexOf(':', StringComparison.Ordinal) + 1);
                        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                        if (equals <= 0)
                        {
                            return (null, $"'{property}' is not -p:Name=Value");
                        }

                        properties[assignment.Substring(0, equals)] = assignment.Substring(equals + 1);
                        break;
                    case "-h":
                    case "--help":
                        return (null, null);
                    default:
                        if (args[i].StartsWith("-", StringComparison.Ordinal) || target != null)
                        {
                            return (null, $"unexpected argument '{args[i]}'");
                        }

                        target = Path.GetFullPath(args[i]);
                        break;
                }
            }

            if (target == null)
            {
                return (null, "no solution or project given");
            }

            var extension = Path.GetExtension(target).ToLowerInvariant();
            if (extension != ".sln" && extension != ".slnx" && extension != ".csproj")
            {
                return (null, $"'{target}' is not a .sln, .slnx or .csproj file");
            }

            return File.Exists(target) ? (new AuditArguments(target, output, formats, properties), null) : (null, $"'{target}' does not exist");
        }
    }
}
