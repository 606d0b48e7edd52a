using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RaceAnalyzers.Tests.Verification;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>
    /// Where a rule's code is, as repository paths: its analyzer (the record's type), its fixers (the code fix
    /// providers that list the id), the tests and proofs whose file names start with the id
    /// (<c>Race004FixTests.cs</c>, <c>Race006And007NegativeTests.cs</c>; proofs are those under tests/Integration),
    /// and the tests of the rule's family folder named for no id (<c>tests/Rules/Sql/SqlSourcesTests.cs</c>).
    /// </summary>
    internal static class RuleCode
    {
        private static readonly Regex IdsInFileName = new Regex(@"^Race(?<n>\d{3})(?:And(?<n>\d{3}))*(?![0-9])");

        private static readonly Lazy<string[]> TestFiles = new Lazy<string[]>(() => SourceFiles("tests"));

        public static string Analyzer(RuleRecord rule) => Single("src/Analyzers", rule.Analyzer + ".cs");

        public static IReadOnlyList<string> Fixers(string id)
            => PackageAnalyzers.Fixers
                .Where(fixer => fixer.FixableDiagnosticIds.Contains(id))
                .Select(fixer => Single("src/CodeFixes", fixer.GetType().Name + ".cs"))
                .Distinct()
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();

        public static IReadOnlyList<string> Tests(RuleRecord rule)
            => Named(rule.Id).Where(path => !IsProof(path)).Concat(SharedByFamily(rule.Family)).OrderBy(path => path, StringComparer.Ordinal).ToList();

        public static IReadOnlyList<string> Proofs(RuleRecord rule) => Named(rule.Id).Where(IsProof).ToList();

        private static bool IsProof(string path) => path.StartsWith("tests/Integration/", StringComparison.Ordinal);

        private static IEnumerable<string> Named(string id)
            => TestFiles.Value.Where(path =>
            {
                var match = IdsInFileName.Match(Path.GetFileName(path));
                return match.Success && match.Groups["n"].Captures.Any(number => "RACE" + number.Value == id);
            });

        private static IEnumerable<string> SharedByFamily(string family)
            => TestFiles.Value.Where(path =>
                (path.StartsWith($"tests/Rules/{family}/", StringComparison.Ordinal) || path.StartsWith($"tests/Fixes/{family}/", StringComparison.Ordinal))
                && !IdsInFileName.IsMatch(Path.GetFileName(path)));

        private static string Single(string folder, string fileName)
        {
            var found = SourceFiles(folder).Where(path => Path.GetFileName(path) == fileName).ToList();
            if (found.Count != 1)
            {
                throw new InvalidOperationException($"{found.Count} files named {fileName} under {folder}");
            }

            return found[0];
        }

        /// <summary>Repository-relative paths ('/'-separated, in ordinal order) of the .cs files under <paramref name="folder"/>, build output left out.</summary>
        private static string[] SourceFiles(string folder)
        {
            var root = DescriptorTests.RepositoryRoot();
            return Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
                .Where(path => !path.Split('/').Any(part => part == "bin" || part == "obj"))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToArray();
        }
    }
}
