using System.Reflection;

namespace RaceAnalyzers.Audit
{
    /// <summary>The tool's version as packed (<c>0.1.0</c>, <c>0.1.0-local.20261206</c>), without the commit that --version adds.</summary>
    internal static class ToolVersion
    {
        public static string Value { get; } = Read();

        private static string Read()
        {
            var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }
}
