using System;
using System.Threading.Tasks;
using Microsoft.Build.Locator;

namespace RaceAnalyzers.Audit
{
    /// <summary>
    /// <c>race-audit</c>: loads a solution or project, runs every RaceAnalyzers rule and the lock audit over all of
    /// it, and writes race-audit.md, .json and .sarif. Exit codes: 0 nothing found, 1 findings, 2 could not audit.
    /// </summary>
    public static class Program
    {
        public const int Clean = 0;
        public const int Found = 1;
        public const int Failed = 2;

        public static Task<int> Main(string[] args) => AuditCommand.RunAsync(args, (arguments, cancellationToken) =>
        {
            try
            {
                // Before any MSBuild type is loaded: the workspace must use the SDK's MSBuild, not a copy of its own.
                MSBuildLocator.RegisterDefaults();
            }
            catch (InvalidOperationException failure)
            {
                Console.Error.WriteLine("race-audit: no .NET SDK with MSBuild found: " + failure.Message);
                return Task.FromResult(Failed);
            }

            return AuditRun.RunAsync(arguments, cancellationToken);
        });
    }
}
