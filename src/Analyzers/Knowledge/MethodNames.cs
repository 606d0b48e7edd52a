using System;

namespace RaceAnalyzers.Knowledge
{
    /// <summary>How method names are compared: sync and async forms of one operation are one name.</summary>
    internal static class MethodNames
    {
        public static string WithoutAsyncSuffix(string name)
            => name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
    }
}
