using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using RaceAnalyzers.Tests.Verification;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>
    /// Fix All over a whole code base, as a user runs it: every package analyzer, then the fixer's own
    /// <see cref="FixAllProvider"/> under the equivalence key of the first fix offered (what <c>dotnet format
    /// analyzers</c> and the IDE's Fix All pick), either per document and fixer (the IDE's Fix All in document) or
    /// once per fixer over the solution (<c>dotnet format analyzers</c>), re-analysing after every change, pass
    /// after pass until a pass changes nothing. Then the analyzers and the compiler run again on what it wrote.
    /// </summary>
    internal static class FixAllSweep
    {
        /// <summary>Each pass fixes what the one before uncovered; a fix that keeps changing the code is a defect.</summary>
        private const int MaxPasses = 8;

        public static async Task<SweepResult> RunAsync(Solution solution, FixAllScope scope = FixAllScope.Document)
        {
            var before = await FindingsAsync(solution);
            var errorsBefore = await ErrorsAsync(solution);

            var passes = 0;
            var converged = false;
            while (passes < MaxPasses && !converged)
            {
                passes++;
                var (fixedSolution, changed) = scope == FixAllScope.Document ? await DocumentPassAsync(solution) : await SolutionPassAsync(solution);
                solution = fixedSolution;
                converged = !changed;
            }

            var after = await FindingsAsync(solution);
            var leftovers = new List<Leftover>();
            foreach (var (project, diagnostic) in after)
            {
                var fixOffered = (await ScratchProject.FixesForAsync(project, diagnostic)).Count > 0;
                leftovers.Add(await Leftover.OfAsync(solution.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, fixOffered));
            }

            var errorsAfter = await ErrorsAsync(solution);
            var introduced = errorsAfter.GroupBy(ErrorKind)
                .SelectMany(kind => kind.Skip(errorsBefore.Count(e => ErrorKind(e) == kind.Key)))
                .Select(e => e.ToString()).ToList();
            return new SweepResult(Count(before), Count(after), leftovers, errorsBefore.Count, errorsAfter.Count, introduced, passes, converged, solution);
        }

        /// <summary>
        /// One pass: the documents the whole project's analysis finds fixable, each fixed by every fixer in turn on
        /// its own diagnostics as they stand after the fixer before (what a fix changes in other documents, the
        /// next pass sees).
        /// </summary>
        private static async Task<(Solution Solution, bool Changed)> DocumentPassAsync(Solution solution)
        {
            var changed = false;
            var analyzed = new Dictionary<Document, ImmutableArray<Diagnostic>>();
            foreach (var projectId in solution.ProjectIds)
            {
                var fixable = (await ScratchProject.AnalyzeAsync(solution.GetProject(projectId)!))
                    .Where(d => PackageAnalyzers.Fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id)))
                    .Select(d => solution.GetDocument(d.Location.SourceTree)!.Id)
                    .Distinct().ToList();
                foreach (var documentId in fixable)
                {
                    foreach (var fixer in PackageAnalyzers.Fixers)
                    {
                        var document = solution.GetDocument(documentId)!;
                        if (!analyzed.TryGetValue(document, out var diagnostics))
                        {
                            analyzed[document] = diagnostics = await ScratchProject.AnalyzeAsync(document);
                        }

                        var fixedSolution = await FixAllAsync(FixAllScope.Document, fixer, diagnostics, document);
                        if (fixedSolution != null && await ChangedAsync(solution, fixedSolution))
                        {
                            solution = fixedSolution;
                            changed = true;
                        }
                    }
                }
            }

            return (solution, changed);
        }

        /// <summary>One pass as <c>dotnet format analyzers</c> makes it: each fixer once, over the whole solution.</summary>
        private static async Task<(Solution Solution, bool Changed)> SolutionPassAsync(Solution solution)
        {
            var changed = false;
            foreach (var fixer in PackageAnalyzers.Fixers)
            {
                var diagnostics = (await FindingsAsync(solution)).Select(f => f.Diagnostic).ToImmutableArray();
                var document = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).Select(d => solution.GetDocument(d.Location.SourceTree)).FirstOrDefault();
                var fixedSolution = document == null ? null : await FixAllAsync(FixAllScope.Solution, fixer, diagnostics, document);
                if (fixedSolution != null && await ChangedAsync(solution, fixedSolution))
                {
                    solution = fixedSolution;
                    changed = true;
                }
            }

            return (solution, changed);
        }

        /// <summary>
        /// The fixer's Fix All in <paramref name="scope"/> on <paramref name="diagnostics"/> (the code as it stands),
        /// under the key of the first fix offered, from <paramref name="document"/> on; null when it offers nothing.
        /// </summary>
        private static async Task<Solution?> FixAllAsync(FixAllScope scope, CodeFixProvider fixer, ImmutableArray<Diagnostic> diagnostics, Document document)
        {
            diagnostics = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            string? equivalenceKey = null;
            foreach (var diagnostic in diagnostics)
            {
                var actions = await ActionsAsync(document.Project.Solution.GetDocument(diagnostic.Location.SourceTree)!, fixer, diagnostic);
                if (actions.Count > 0)
                {
                    equivalenceKey = actions[0].EquivalenceKey;
                    break;
                }
            }

            var fixAll = fixer.GetFixAllProvider();
            if (equivalenceKey == null || fixAll == null)
            {
                return null;
            }

            var context = new FixAllContext(document, fixer, scope, equivalenceKey, fixer.FixableDiagnosticIds,
                new CurrentDiagnostics(diagnostics), CancellationToken.None);
            var action = await fixAll.GetFixAsync(context);
            if (action == null)
            {
                return null;
            }

            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        private static async Task<List<CodeAction>> ActionsAsync(Document document, CodeFixProvider fixer, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            return actions;
        }

        private static async Task<List<(Project Project, Diagnostic Diagnostic)>> FindingsAsync(Solution solution)
        {
            var findings = new List<(Project, Diagnostic)>();
            foreach (var project in solution.Projects)
            {
                findings.AddRange((await ScratchProject.AnalyzeAsync(project)).Where(d => d.Id.StartsWith("RACE")).Select(d => (project, d)));
            }

            return findings;
        }

        private static async Task<List<Diagnostic>> ErrorsAsync(Solution solution)
        {
            var errors = new List<Diagnostic>();
            foreach (var project in solution.Projects)
            {
                errors.AddRange((await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            }

            return errors;
        }

        private static string ErrorKind(Diagnostic error) => error.Id + " " + error.GetMessage();

        private static SortedDictionary<string, int> Count(List<(Project Project, Diagnostic Diagnostic)> findings)
            => new SortedDictionary<string, int>(findings.GroupBy(f => f.Diagnostic.Id).ToDictionary(g => g.Key, g => g.Count()));

        private static async Task<bool> ChangedAsync(Solution before, Solution after)
        {
            foreach (var change in after.GetChanges(before).GetProjectChanges())
            {
                foreach (var id in change.GetChangedDocuments())
                {
                    var old = await before.GetDocument(id)!.GetTextAsync();
                    var fixedText = await after.GetDocument(id)!.GetTextAsync();
                    if (!old.ContentEquals(fixedText))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The diagnostics of the code as it stands, for the fixer's Fix All to read.</summary>
        private sealed class CurrentDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public CurrentDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(_diagnostics.Where(d => project.Documents.Any(document => document.FilePath == d.Location.SourceTree?.FilePath)));
        }
    }
}
