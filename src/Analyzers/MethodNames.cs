using System;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers
{
    /// <summary>How method names are compared: sync and async forms of one operation are one name.</summary>
    internal static class MethodNames
    {
        public static string WithoutAsyncSuffix(string name)
            => HasAsyncSuffix(name) ? name.Substring(0, name.Length - 5) : name;

        /// <summary><c>BasicConsumeAsync</c>, <c>FirstAsync</c>: the asynchronous form of an operation, by the .NET naming convention.</summary>
        public static bool HasAsyncSuffix(string name) => name.Length > 5 && name.EndsWith(AsyncSuffix, StringComparison.Ordinal);

        /// <summary>How a step of a call chain reads in a message: the method's name, <c>new Releaser</c> for a constructor.</summary>
        public static string Of(IMethodSymbol method) => method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.Name;

        /// <summary>The suffix that names the asynchronous form of an operation.</summary>
        public const string AsyncSuffix = "Async";

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
