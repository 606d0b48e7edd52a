using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>The package's fixes run the way a user runs them, for tests that execute what the fixer wrote.</summary>
    internal static class FixerOutput
    {
        /// <summary>The source after the first offered fix has been applied, again and again until none is offered.</summary>
        public static async Task<string> FixedSourceAsync(string source)
        {
            var project = ScratchProject.Create(source);
            for (var iteration = 0; iteration < 20; iteration++)
            {
                var applied = false;
                foreach (var diagnostic in await ScratchProject.AnalyzeAsync(project))
                {
                    var fixes = await ScratchProject.FixesForAsync(project, diagnostic);
                    if (fixes.Count > 0)
                    {
                        project = await ScratchProject.ApplyAsync(fixes[0]);
                        applied = true;
                        break;
                    }
                }

                if (!applied)
                {
                    return (await project.Documents.Single().GetTextAsync()).ToString();
                }
            }

            throw new InvalidOperationException("Fixes did not converge after 20 iterations.");
        }

        /// <summary>
        /// For code that need not compile (half-typed, mutated): every analyzer runs and every offered fix is computed
        /// without an exception, and no fix adds compiler errors.
        /// </summary>
        public static async Task NoCrashAsync(string source, string? editorConfig = null)
        {
            var project = ScratchProject.Create(source, editorConfig);
            var errorsBefore = await ScratchProject.ErrorCountAsync(project);
            foreach (var diagnostic in await ScratchProject.AnalyzeAsync(project))
            {
                foreach (var fix in await ScratchProject.FixesForAsync(project, diagnostic))
                {
                    var fixedProject = await ScratchProject.ApplyAsync(fix);
                    Assert.True(await ScratchProject.ErrorCountAsync(fixedProject) <= errorsBefore, $"The fix '{fix.Title}' for {diagnostic} added compiler errors.");
                    await ScratchProject.AnalyzeAsync(fixedProject);
                }
            }
        }
    }
}
