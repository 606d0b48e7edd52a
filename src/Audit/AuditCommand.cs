using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RaceAnalyzers.Audit
{
    /// <summary>The command line: options with their defaults, --help (with the exit codes) on stdout, --version, usage errors as exit 2.</summary>
    internal static class AuditCommand
    {
        private const string About = "race-audit: the RaceAnalyzers lock audit and race report for a whole solution. Lists every lock, the lock-order graph with its cycles, what is held across slow calls, and every RACE finding, as race-audit.md, .json and .sarif.";

        private const string ExitCodes = """
Exit codes:
  0  nothing found (with --baseline: no new finding; with --write-baseline: the baseline was written)
  1  findings (with --baseline: findings the baseline does not list)
  2  could not audit: a usage error, a project that is not restored or cannot be loaded, an analyzer that failed (the reason on stderr)

""";

        public static Command Create(Func<AuditArguments, CancellationToken, Task<int>> audit)
        {
            var target = new Argument<string>("solution") { Description = "The .sln, .slnx or .csproj to audit, restored (dotnet restore, or --restore)." };
            var output = new Option<string>("--out", "-o") { Description = "The folder the reports are written to.", HelpName = "dir", DefaultValueFactory = _ => "." };
            var formats = new Option<string>("--format", "-f") { Description = "The reports to write: md, json and/or sarif, separated by commas.", HelpName = "list", DefaultValueFactory = _ => "md,json,sarif" };
            var properties = new Option<string[]>("--property", "-p") { Description = "An MSBuild property for loading the projects, as Name=Value (-p:Configuration=Release); repeat for more.", HelpName = "Name=Value" };
            var baseline = new Option<string?>("--baseline") { Description = "Compare with this baseline: each finding is new, unchanged or absent (SARIF baselineState); exit 1 only for new ones.", HelpName = "file" };
            var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every current finding to this baseline file (race-baseline.json beside the solution is the one builds read).", HelpName = "file" };
            var restore = new Option<bool>("--restore") { Description = "Run dotnet restore on the solution or project before loading it." };

            // Named as the tool is installed (the assembly is RaceAnalyzers.Audit), so usage lines and errors say race-audit.
            var command = new Command("race-audit", About) { target, output, formats, properties, baseline, writeBaseline, restore, new HelpOption(), new VersionOption() };
            command.SetAction((parsed, cancellationToken) =>
            {
                var (arguments, problem) = AuditArguments.Check(
                    parsed.GetValue(target)!, parsed.GetValue(output)!, parsed.GetValue(formats)!, parsed.GetValue(properties) ?? Array.Empty<string>(),
                    parsed.GetValue(baseline), parsed.GetValue(writeBaseline), parsed.GetValue(restore));
                if (arguments == null)
                {
                    Console.Error.WriteLine("race-audit: " + problem);
                    return Task.FromResult(Program.Failed);
                }

                return audit(arguments, cancellationToken);
            });

            foreach (var help in command.Options.OfType<HelpOption>())
            {
                if (help.Action is SynchronousCommandLineAction standard)
                {
                    help.Action = new HelpWithExitCodes(standard);
                }
            }

            return command;
        }

        /// <summary>The standard help, then the exit codes.</summary>
        private sealed class HelpWithExitCodes : SynchronousCommandLineAction
        {
            private readonly SynchronousCommandLineAction _standard;

            public HelpWithExitCodes(SynchronousCommandLineAction standard) => _standard = standard;

            public override bool ClearsParseErrors => true;

            public override int Invoke(ParseResult parseResult)
            {
                var code = _standard.Invoke(parseResult);
                parseResult.InvocationConfiguration.Output.Write(ExitCodes);
                return code;
            }
        }

        /// <summary>Parses and runs; a usage error prints what is wrong and how to get help, on stderr, and exits 2.</summary>
        public static async Task<int> RunAsync(string[] args, Func<AuditArguments, CancellationToken, Task<int>> audit)
        {
            var parsed = Create(audit).Parse(args);
            if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
            {
                foreach (var error in parsed.Errors)
                {
                    Console.Error.WriteLine("race-audit: " + error.Message);
                }

                Console.Error.WriteLine("Run 'race-audit --help' for the options.");
                return Program.Failed;
            }

            return await parsed.InvokeAsync().ConfigureAwait(false);
        }
    }
}
