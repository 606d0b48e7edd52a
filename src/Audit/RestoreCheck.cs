using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// An unrestored project loads without its packages and gives a silent, partial report (the rules that need a
    /// library's types find nothing): such a project is named with the cause, and the audit stops. <c>--restore</c>
    /// runs <c>dotnet restore</c> first.
    /// </summary>
    internal static class RestoreCheck
    {
        /// <summary>Each project whose packages are not restored, or whose references are missing, with why.</summary>
        public static IReadOnlyList<(string Project, string Cause)> Problems(IEnumerable<Microsoft.CodeAnalysis.Project> projects, IReadOnlyDictionary<string, string> properties)
        {
            var problems = new List<(string, string)>();
            using var collection = new ProjectCollection(properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
            foreach (var project in projects.GroupBy(p => p.FilePath ?? p.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            {
                var assets = project.FilePath != null ? AssetsFile(collection, project.FilePath) : null;
                if (assets != null && !File.Exists(assets))
                {
                    problems.Add((project.Name, $"not restored: {assets} does not exist"));
                    continue;
                }

                var missing = project.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).FirstOrDefault(path => path != null && !File.Exists(path));
                if (missing != null)
                {
                    problems.Add((project.Name, $"a reference is missing: {missing}"));
                }
            }

            return problems;
        }

        /// <summary>The project's project.assets.json, when it restores with PackageReference (an SDK-style project).</summary>
        private static string? AssetsFile(ProjectCollection collection, string projectFile)
        {
            try
            {
                var evaluated = collection.LoadProject(projectFile);
                var assets = evaluated.GetPropertyValue("ProjectAssetsFile");
                var style = evaluated.GetPropertyValue("RestoreProjectStyle");
                return assets.Length > 0 && (style.Length == 0 || style == "PackageReference") ? assets : null;
            }
            catch (InvalidProjectFileException)
            {
                // The workspace names a project it cannot evaluate among the ones not analyzed.
                return null;
            }
        }

        /// <summary>Runs <c>dotnet restore</c> on the target, its output on stderr; false when it fails.</summary>
        public static bool Restore(string target, IReadOnlyDictionary<string, string> properties, Progress progress)
        {
            progress.Report("restoring " + Path.GetFileName(target));
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(target);
            foreach (var property in properties)
            {
                start.ArgumentList.Add($"-p:{property.Key}={property.Value}");
            }

            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Relay(e.Data);
            process.ErrorDataReceived += (_, e) => Relay(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode == 0;
        }

        private static void Relay(string? line)
        {
            if (line != null)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}
