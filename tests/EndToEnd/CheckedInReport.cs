using System.IO;
using Xunit;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>Reports checked in under docs/ must equal what the tool writes today; RACE_WRITE_DOCS=1 rewrites them.</summary>
    internal static class CheckedInReport
    {
        public static void Compare(string path, string actual)
        {
            var expected = File.Exists(path) ? File.ReadAllText(path) : null;
            if (expected == actual)
            {
                return;
            }

            if (System.Environment.GetEnvironmentVariable("RACE_WRITE_DOCS") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
                return;
            }

            Assert.Fail($"{path} differs from the report race-audit writes now. Regenerate with: RACE_WRITE_DOCS=1 dotnet test tests --filter FullyQualifiedName~AuditTool");
        }
    }
}
