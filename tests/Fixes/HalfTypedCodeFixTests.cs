using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Tests.TestCode;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Fixes
{
    /// <summary>
    /// Fixes are not offered on code still being typed (one guard for every fixer, <c>HalfTypedCode</c>): each
    /// rule's finding is still reported on the half-typed method, with no analyzer exception, and no fix is offered
    /// there; the same method complete gets its fix. Half-typed as the IDE sees it: an <c>async</c> method whose
    /// <c>Task</c> was deleted (no syntax error: it parses as returning a type named <c>async</c>), a missing
    /// semicolon, an unclosed call.
    /// </summary>
    public sealed class HalfTypedCodeFixTests
    {
        private const string ClaimAfterCheck = """
        var seen = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM processed_events WHERE event_id = @eventId", new { eventId });
        if (seen > 0)
        {
            return;
        }

        await db.ExecuteAsync("UPDATE products SET current_stock = current_stock - 1 WHERE sku = @sku", new { sku });
        await db.ExecuteAsync("INSERT INTO processed_events (event_id) VALUES (@eventId)", new { eventId });
""";

        private const string ReadModifyWrite = """
        var stock = await db.QuerySingleAsync<int>("SELECT current_stock FROM products WHERE sku = @sku", new { sku });
        var updated = stock + delta;
        await db.ExecuteAsync("UPDATE products SET current_stock = @updated WHERE sku = @sku", new { updated, sku });
""";

        private const string ReleaseNotInFinally = """
        var conn = _pool.GetConnection();
        _handler.Process(msg);
        msg.Acknowledge();
        _pool.ReturnConnection(conn);
""";

        private const string Counter = "        _counts[key] = _counts.GetValueOrDefault(key) + amount;\n";

        private const string TrackedDecrement = "        var product = await _db.Products.SingleAsync(p => p.Sku == sku);\n        product.Stock -= qty;\n        await _db.SaveChangesAsync();\n";

        /// <summary>Half-typed without a syntax error: the analyzers still report on it.</summary>
        public static TheoryData<string, string, string> Reported() => new TheoryData<string, string, string>
        {
            { "RACE005", SqlCode.Handler(ClaimAfterCheck), SqlCode.Handler(ClaimAfterCheck).Replace("public async Task HandleAsync(", "public async HandleAsync(") },
            { "RACE004", SqlCode.Handler(ReadModifyWrite), SqlCode.Handler(ReadModifyWrite).Replace("public async Task HandleAsync(", "public async HandleAsync(") },
            { "RACE002", Code.Method(ReleaseNotInFinally), Code.Method(ReleaseNotInFinally).Replace("public async Task Run(", "public async Run(") },
            { "RACE009", InMemoryCode.Service(Counter), InMemoryCode.Service(Counter + "        Console.WriteLine(ke);\n") },
            { "RACE008", EfCoreCode.Service(TrackedDecrement), EfCoreCode.Service(TrackedDecrement).Replace("public async Task<bool> ReserveAsync(", "public async <bool> ReserveAsync(") },
        };

        /// <summary>
        /// Half-typed with a syntax error after the finding: the analyzers skip such a body, but the IDE asks the
        /// fixers with the diagnostic of the last analysis while the user types on.
        /// </summary>
        public static TheoryData<string, string, string> Stale() => new TheoryData<string, string, string>
        {
            { "RACE004", SqlCode.Handler(ReadModifyWrite), SqlCode.Handler(ReadModifyWrite + "        Console.WriteLine(sku)\n") },
            { "RACE005", SqlCode.Handler(ClaimAfterCheck), SqlCode.Handler(ClaimAfterCheck + "        Console.WriteLine(sku\n") },
            { "RACE002", Code.Method(ReleaseNotInFinally), Code.Method(ReleaseNotInFinally + "        _handler.Process(\n") },
            { "RACE009", InMemoryCode.Service(Counter), InMemoryCode.Service(Counter + "        Console.WriteLine(key)\n") },
        };

        [Theory]
        [MemberData(nameof(Reported))]
        public async Task HalfTypedMethod_IsReportedWithoutAFix_TheCompleteOneGetsItsFix(string rule, string complete, string halfTyped)
        {
            var completeProject = ScratchProject.Create(complete);
            Assert.True(await FixesOfferedAsync(completeProject, await FindingsAsync(completeProject, rule)) > 0, $"{rule}: no fix offered on the complete code");
            var halfTypedProject = ScratchProject.Create(halfTyped);
            Assert.Equal(0, await FixesOfferedAsync(halfTypedProject, await FindingsAsync(halfTypedProject, rule)));
        }

        [Theory]
        [MemberData(nameof(Stale))]
        public async Task SyntaxErrorTypedAfterTheFinding_NoFixOnTheStaleDiagnostic_TheCompleteOneGetsItsFix(string rule, string complete, string halfTyped)
        {
            var completeProject = ScratchProject.Create(complete);
            var findings = await FindingsAsync(completeProject, rule);
            Assert.True(await FixesOfferedAsync(completeProject, findings) > 0, $"{rule}: no fix offered on the complete code");

            // The text typed after the finding leaves its spans where they were.
            Assert.True(findings.All(f => f.AdditionalLocations.Prepend(f.Location).All(l => halfTyped.Substring(l.SourceSpan.Start, l.SourceSpan.Length) == complete.Substring(l.SourceSpan.Start, l.SourceSpan.Length))));
            var project = ScratchProject.Create(halfTyped);
            var tree = (await project.Documents.Single().GetSyntaxTreeAsync())!;
            Assert.Contains(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
            var stale = findings.Select(f => Diagnostic.Create(f.Descriptor, Location.Create(tree, f.Location.SourceSpan),
                f.AdditionalLocations.Select(l => Location.Create(tree, l.SourceSpan)), f.Properties)).ToList();
            Assert.Equal(0, await FixesOfferedAsync(project, stale));
        }

        /// <summary>The rule's findings; it must report one, and no analyzer may throw (AD0001).</summary>
        private static async Task<List<Diagnostic>> FindingsAsync(Project project, string rule)
        {
            var findings = (await ScratchProject.AnalyzeAsync(project)).Where(d => d.Id == rule).ToList();
            var source = (await project.Documents.Single().GetTextAsync()).ToString();
            Assert.True(findings.Count > 0, $"{rule} is not reported on:\n{source.Substring(source.IndexOf("    public", StringComparison.Ordinal))}");
            return findings;
        }

        private static async Task<int> FixesOfferedAsync(Project project, IEnumerable<Diagnostic> findings)
        {
            var offered = 0;
            foreach (var finding in findings)
            {
                offered += (await ScratchProject.FixesForAsync(project, finding)).Count;
            }

            return offered;
        }
    }
}
