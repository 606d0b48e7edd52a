using System;
using System.IO;
using Xunit;

namespace RaceAnalyzers.Tests.Docs
{
    /// <summary>
    /// A checked-in file, or part of one, generated from the rule records: a difference fails the test, and
    /// <c>RACE_WRITE_DOCS=1 dotnet test tests --filter FullyQualifiedName~Docs</c> rewrites the file instead.
    /// </summary>
    internal static class GeneratedFile
    {
        private const string Regenerate = "Regenerate with: RACE_WRITE_DOCS=1 dotnet test tests --filter FullyQualifiedName~Docs";

        private static bool Write => Environment.GetEnvironmentVariable("RACE_WRITE_DOCS") == "1";

        /// <summary>The file at <paramref name="relativePath"/> from the repository root, line ends as '\n'.</summary>
        public static string Read(string relativePath)
            => File.ReadAllText(FullPath(relativePath)).Replace("\r\n", "\n");

        public static void Check(string relativePath, string expected)
        {
            if (Read(relativePath) == expected)
            {
                return;
            }

            if (Write)
            {
                File.WriteAllText(FullPath(relativePath), expected);
                return;
            }

            Assert.Fail($"{relativePath} differs from what the rule records generate. {Regenerate}");
        }

        private static string FullPath(string relativePath) => Path.Combine(DescriptorTests.RepositoryRoot(), relativePath);
    }
}
