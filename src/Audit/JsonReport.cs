using System.Text.Encodings.Web;
using System.Text.Json;

namespace RaceAnalyzers.Audit
{
    /// <summary>race-audit.json: the whole report, as the Markdown shows it.</summary>
    internal static class JsonReport
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Write(AuditReport report) => JsonSerializer.Serialize(report, Options) + "\n";
    }
}
