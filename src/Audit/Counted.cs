using System.Globalization;

namespace RaceAnalyzers.Audit
{
    /// <summary>"1 lock-order cycle", "2 lock-order cycles": a count with its noun in the right number.</summary>
    internal static class Counted
    {
        public static string Of(int count, string singular, string? plural = null)
            => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
    }
}
