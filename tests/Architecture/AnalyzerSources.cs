using System.Collections.Generic;
using System.IO;
using System.Linq;
using RaceAnalyzers.Tests.Docs;

namespace RaceAnalyzers.Tests.Architecture
{
    /// <summary>The analyzer assembly's source files, build output left out.</summary>
    internal static class AnalyzerSources
    {
        public static string Folder => Path.Combine(DescriptorTests.RepositoryRoot(), "src", "Analyzers");

        public static List<string> Files()
            => Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .ToList();
    }
}
