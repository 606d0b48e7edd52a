using System;

namespace RaceAnalyzers
{
    /// <summary>How method names are compared: sync and async forms of one operation are one name.</summary>
    internal static class MethodNames
    {
        public static string WithoutAsyncSuffix(string name)
            => name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;

        /// <summary>The name (Async aside) is one of <paramref name="words"/>, or starts with one followed by a capital (SaveOrder, not Saved).</summary>
        public static bool StartsWithWord(string name, string[] words)
        {
            name = WithoutAsyncSuffix(name);
            foreach (var word in words)
            {
                if (name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length])))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
