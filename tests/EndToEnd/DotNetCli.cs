using System;
using System.Diagnostics;
using System.Text;
using Xunit;

namespace RaceAnalyzers.Tests.EndToEnd
{
    /// <summary>Runs the dotnet CLI the way a user does, capturing its output.</summary>
    internal static class DotNetCli
    {
        public static string Run(string workingDirectory, params string[] arguments)
        {
            var (exitCode, output) = Try(workingDirectory, arguments);
            Assert.True(exitCode == 0, $"dotnet {string.Join(" ", arguments)} exited with {exitCode}.\n{output}");
            return output;
        }

        /// <summary>Runs dotnet and returns its exit code and output, whatever the exit code (a build expected to fail).</summary>
        public static (int ExitCode, string Output) Try(string workingDirectory, params string[] arguments)
            => TryProgram("dotnet", workingDirectory, arguments);

        /// <summary>Runs a program (an installed .NET tool) and returns its exit code and output.</summary>
        public static (int ExitCode, string Output) TryProgram(string program, string workingDirectory, params string[] arguments)
        {
            var (exitCode, output, _, _) = Streams(program, workingDirectory, arguments);
            return (exitCode, output);
        }

        /// <summary>Runs a program and returns its exit code, its whole output, and its stdout and stderr apart.</summary>
        public static (int ExitCode, string Output, string StandardOutput, string StandardError) Streams(string program, string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

            var output = new StringBuilder();
            var standardOutput = new StringBuilder();
            var standardError = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) { output.AppendLine(e.Data); standardOutput.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) { output.AppendLine(e.Data); standardError.AppendLine(e.Data); } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(8).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(" ", arguments)} timed out.\n{output}");
            }

            process.WaitForExit();
            return (process.ExitCode, output.ToString(), standardOutput.ToString(), standardError.ToString());
        }
    }
}
