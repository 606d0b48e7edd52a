using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// The compact verifier: every analyzer of the package runs on the marked-up sources, and the test fails on a
    /// missing or unexpected diagnostic, a compiler error in a source, an analyzer exception, a fix whose text
    /// differs from the expected one, a Fix All (document, project, solution) that differs, or fixed code that
    /// does not compile.
    /// </summary>
    public static class Verify
    {
        private static readonly ImmutableArray<CodeFixProvider> Fixers = typeof(CodeFixes.MoveIntoFinallyFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>Checks diagnostics only. <paramref name="expected"/> adds location and message checks to marked spans.</summary>
        public static async Task DiagnosticsAsync(string markup, string? editorConfig = null, params ExpectedDiagnostic[] expected)
        {
            await DiagnosticsAsync(new[] { markup }, editorConfig, expected);
        }

        public static async Task DiagnosticsAsync(string[] markups, string? editorConfig = null, params ExpectedDiagnostic[] expected)
        {
            var parsed = markups.Select(Markup.Parse).ToList();
            var solution = TestSolution.Create(parsed.Select(m => m.Source).ToList(), editorConfig);
            var project = solution.Projects.Single();
            await TestSolution.AssertCompilesAsync(project, "in the test source");
            AssertDiagnostics(parsed, project, await TestSolution.AnalyzeAsync(project), expected);
        }

        /// <summary>Checks the diagnostics of <paramref name="markup"/>, then that fixing them one by one and by Fix All at every scope gives <paramref name="fixedSource"/>.</summary>
        public static Task FixAsync(string markup, string fixedSource, string? editorConfig = null, params ExpectedDiagnostic[] expected)
            => FixAsync(new[] { markup }, new[] { fixedSource }, editorConfig, expected);

        public static async Task FixAsync(string[] markups, string[] fixedSources, string? editorConfig = null, params ExpectedDiagnostic[] expected)
        {
            var parsed = markups.Select(Markup.Parse).ToList();
            var solution = TestSolution.Create(parsed.Select(m => m.Source).ToList(), editorConfig);
            var project = solution.Projects.Single();
            await TestSolution.AssertCompilesAsync(project, "in the test source");
            var diagnostics = await TestSolution.AnalyzeAsync(project);
            AssertDiagnostics(parsed, project, diagnostics, expected);

            var expectedFixed = fixedSources.Select(Markup.Parse).ToList();

            var oneByOne = await FixOneByOneAsync(solution);
            await AssertFixedAsync(oneByOne, expectedFixed, "after applying each fix");

            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
            {
                var fixedAll = await FixAllAsync(solution, scope);
                await AssertFixedAsync(fixedAll, expectedFixed, $"after Fix All ({scope})");
            }
        }

        /// <summary>Checks the diagnostics and that no fix is offered for any of them.</summary>
        public static async Task NoFixAsync(string markup, string? editorConfig = null, params ExpectedDiagnostic[] expected)
        {
            var parsed = new List<Markup> { Markup.Parse(markup) };
            var solution = TestSolution.Create(parsed.Select(m => m.Source).ToList(), editorConfig);
            var project = solution.Projects.Single();
            await TestSolution.AssertCompilesAsync(project, "in the test source");
            var diagnostics = await TestSolution.AnalyzeAsync(project);
            AssertDiagnostics(parsed, project, diagnostics, expected);
            Assert.NotEmpty(diagnostics);
            foreach (var diagnostic in diagnostics)
            {
                var actions = await ActionsForAsync(project.GetDocument(diagnostic.Location.SourceTree!)!, diagnostic);
                Assert.True(actions.Count == 0, $"Expected no fix for {diagnostic}, but got: {string.Join(", ", actions.Select(a => a.Action.Title))}");
            }
        }

        /// <summary>The source after every offered fix has been applied, one at a time (for tests that run fixed code).</summary>
        internal static async Task<string> FixedSourceAsync(string source)
        {
            var fixedSolution = await FixOneByOneAsync(TestSolution.Create(new[] { source }, null));
            return (await fixedSolution.Projects.Single().Documents.Single().GetTextAsync()).ToString();
        }

        /// <summary>
        /// For code that need not compile (half-typed, generated): every analyzer runs and every offered fix is
        /// computed without an exception, and no fix adds compiler errors.
        /// </summary>
        public static async Task NoCrashAsync(string source, string? editorConfig = null)
        {
            var solution = TestSolution.Create(new[] { source }, editorConfig);
            var project = solution.Projects.Single();
            var errorsBefore = await ErrorCountAsync(project);
            foreach (var diagnostic in await FixableDiagnosticsAsync(project))
            {
                foreach (var (_, action) in await ActionsForAsync(project.Documents.Single(), diagnostic))
                {
                    var fixedProject = (await ApplyAsync(action, solution)).Projects.Single();
                    Assert.True(await ErrorCountAsync(fixedProject) <= errorsBefore, $"The fix '{action.Title}' for {diagnostic} added compiler errors.");
                    await TestSolution.AnalyzeAsync(fixedProject);
                }
            }
        }

        private static async Task<int> ErrorCountAsync(Project project)
            => (await project.GetCompilationAsync())!.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        private static void AssertDiagnostics(IReadOnlyList<Markup> markups, Project project, ImmutableArray<Diagnostic> actual, ExpectedDiagnostic[] expected)
        {
            var documents = project.Documents.OrderBy(d => d.Name).ToList();
            var wanted = new List<(string File, string Id, TextSpan Span)>();
            for (var i = 0; i < markups.Count; i++)
            {
                foreach (var (id, span) in markups[i].Diagnostics)
                {
                    wanted.Add((documents[i].FilePath!, id, span));
                }
            }

            var got = actual.Select(d => (File: d.Location.SourceTree!.FilePath, d.Id, Span: d.Location.SourceSpan)).ToList();

            // [|x|] names no id: it stands for whichever RACE diagnostic is reported at exactly that span.
            wanted = wanted.Select(w => w.Id.Length > 0 ? w : (w.File, got.FirstOrDefault(g => g.File == w.File && g.Span == w.Span).Id ?? "RACE???", w.Span)).ToList();
            var missing = wanted.Where(w => !got.Contains(w)).ToList();
            var unexpected = got.Where(g => !wanted.Contains(g)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                var report = new StringBuilder();
                foreach (var m in missing)
                {
                    report.AppendLine($"Missing {m.Id} at {Describe(markups, documents, m.File, m.Span)}");
                }

                foreach (var d in actual.Where(d => unexpected.Contains((d.Location.SourceTree!.FilePath, d.Id, d.Location.SourceSpan))))
                {
                    report.AppendLine($"Unexpected {d.Id} at {Describe(markups, documents, d.Location.SourceTree!.FilePath, d.Location.SourceSpan)}: {d.GetMessage()}");
                }

                Assert.Fail(report.ToString());
            }

            foreach (var expectation in expected)
            {
                var markup = markups[0];
                var span = markup.Locations[expectation.Location];
                var diagnostic = actual.SingleOrDefault(d => d.Id == expectation.Id && d.Location.SourceSpan == span);
                Assert.True(diagnostic != null, $"No {expectation.Id} at marker #{expectation.Location}.");
                var additional = diagnostic!.AdditionalLocations.Select(l => l.SourceSpan).ToList();
                var wantedAdditional = expectation.AdditionalLocations.Select(n => markup.Locations[n]).ToList();
                Assert.Equal(wantedAdditional, additional);
                foreach (var fragment in expectation.MessageFragments)
                {
                    Assert.Contains(fragment, diagnostic.GetMessage());
                }
            }
        }

        private static string Describe(IReadOnlyList<Markup> markups, List<Document> documents, string file, TextSpan span)
        {
            var index = documents.FindIndex(d => d.FilePath == file);
            var source = markups[index].Source;
            var line = SourceText.From(source).Lines.GetLinePosition(span.Start).Line + 1;
            return $"{documents[index].Name}({line}) '{source.Substring(span.Start, span.Length)}'";
        }

        private static async Task<Solution> FixOneByOneAsync(Solution solution)
        {
            for (var iteration = 0; iteration < 20; iteration++)
            {
                var project = solution.Projects.Single();
                var applied = false;
                foreach (var diagnostic in await FixableDiagnosticsAsync(project))
                {
                    var actions = await ActionsForAsync(project.GetDocument(diagnostic.Location.SourceTree!)!, diagnostic);
                    if (actions.Count > 0)
                    {
                        solution = await ApplyAsync(actions[0].Action, solution);
                        applied = true;
                        break;
                    }
                }

                if (!applied)
                {
                    return solution;
                }
            }

            throw new InvalidOperationException("Fixes did not converge after 20 iterations.");
        }

        /// <summary>Fix All from the first fixable diagnostic, repeated while diagnostics remain (a document scope covers one document a pass).</summary>
        private static async Task<Solution> FixAllAsync(Solution solution, FixAllScope scope)
        {
            for (var pass = 0; pass < 10; pass++)
            {
                var next = await FixAllOnceAsync(solution, scope);
                if (next == solution)
                {
                    return solution;
                }

                solution = next;
                if (scope != FixAllScope.Document)
                {
                    return solution;
                }
            }

            return solution;
        }

        private static async Task<Solution> FixAllOnceAsync(Solution solution, FixAllScope scope)
        {
            var project = solution.Projects.Single();
            var diagnostics = await FixableDiagnosticsAsync(project);
            foreach (var diagnostic in diagnostics)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree!)!;
                var actions = await ActionsForAsync(document, diagnostic);
                if (actions.Count == 0)
                {
                    continue;
                }

                var (fixer, action) = actions[0];
                var provider = fixer.GetFixAllProvider();
                Assert.NotNull(provider);
                var context = new FixAllContext(document, fixer, scope, action.EquivalenceKey,
                    fixer.FixableDiagnosticIds, new AnalyzerDiagnosticProvider(), CancellationToken.None);
                var fixAll = await provider!.GetFixAsync(context);
                Assert.NotNull(fixAll);
                return await ApplyAsync(fixAll!, solution);
            }

            return solution;
        }

        private static async Task AssertFixedAsync(Solution solution, IReadOnlyList<Markup> expected, string when)
        {
            var project = solution.Projects.Single();
            var documents = project.Documents.OrderBy(d => d.Name).ToList();
            for (var i = 0; i < expected.Count; i++)
            {
                var text = (await documents[i].GetTextAsync()).ToString();
                Assert.True(expected[i].Source == text, $"Fixed code differs {when} in {documents[i].Name}.\n{LineDiff(expected[i].Source, text)}");
            }

            await TestSolution.AssertCompilesAsync(project, when);
            AssertDiagnostics(expected, project, await TestSolution.AnalyzeAsync(project), Array.Empty<ExpectedDiagnostic>());
        }

        /// <summary>The lines around the first difference, expected (-) against actual (+), whitespace made visible.</summary>
        private static string LineDiff(string expected, string actual)
        {
            var want = expected.Split('\n');
            var got = actual.Split('\n');
            var first = 0;
            while (first < want.Length && first < got.Length && want[first] == got[first])
            {
                first++;
            }

            var report = new StringBuilder($"first difference at line {first + 1}:\n");
            for (var i = System.Math.Max(0, first - 2); i < first + 8; i++)
            {
                if (i < want.Length)
                {
                    report.AppendLine("- " + Visible(want[i]));
                }

                if (i < got.Length)
                {
                    report.AppendLine("+ " + Visible(got[i]));
                }
            }

            return report.ToString();
        }

        private static string Visible(string line) => line.Replace("\r", "\\r").Replace("\t", "\\t");

        private static async Task<List<Diagnostic>> FixableDiagnosticsAsync(Project project)
        {
            var ids = Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
            return (await TestSolution.AnalyzeAsync(project)).Where(d => ids.Contains(d.Id)).ToList();
        }

        private static async Task<List<(CodeFixProvider Fixer, CodeAction Action)>> ActionsForAsync(Document document, Diagnostic diagnostic)
        {
            var actions = new List<(CodeFixProvider, CodeAction)>();
            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add((fixer, action)), CancellationToken.None);
                await fixer.RegisterCodeFixesAsync(context);
            }

            return actions;
        }

        private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var apply = operations.OfType<ApplyChangesOperation>().Single();
            return apply.ChangedSolution;
        }

        /// <summary>Gives Fix All the same diagnostics the verifier sees.</summary>
        private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return (await TestSolution.AnalyzeAsync(document.Project)).Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await TestSolution.AnalyzeAsync(project);
        }
    }
}
