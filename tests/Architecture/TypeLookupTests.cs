using System.IO;
using System.Linq;
using Xunit;

namespace RaceAnalyzers.Tests.Architecture
{
    /// <summary>
    /// Types are looked up by metadata name through <see cref="MetadataTypes"/>, which keeps the references' answers
    /// across the IDE's compilations; a direct <c>GetTypeByMetadataName</c> searches every reference again per keystroke.
    /// </summary>
    public sealed class TypeLookupTests
    {
        [Fact]
        public void EveryLookupByMetadataName_GoesThroughMetadataTypes()
        {
            var direct = AnalyzerSources.Files()
                .Where(file => Path.GetFileName(file) != "MetadataTypes.cs" && File.ReadAllText(file).Contains(".GetTypeByMetadataName("))
                .Select(file => Path.GetRelativePath(AnalyzerSources.Folder, file))
                .ToList();
            Assert.True(direct.Count == 0, "Looked up directly: " + string.Join(", ", direct));
            Assert.Contains("compilation.GetTypeByMetadataName(", File.ReadAllText(Path.Combine(AnalyzerSources.Folder, "MetadataTypes.cs")));
        }
    }
}
