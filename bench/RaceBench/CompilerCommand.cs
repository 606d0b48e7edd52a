using System;
using System.IO;
using System.Text.RegularExpressions;

namespace RaceBench
{
    /// <summary>
    /// The compiler's own command line for one code base, taken once from a detailed build and written to two
    /// response files, with and without the RaceAnalyzers <c>/analyzer:</c> argument. Timing the compiler alone
    /// leaves out MSBuild's evaluation, restore check and copy steps: several seconds of CPU per build, the same with
    /// or without analyzers but varying from build to build, which only add noise to a ratio and dilute it.
    /// </summary>
    internal sealed class CompilerCommand
    {
        // MSBuild's Csc task logs the command it runs: the compiler (an apphost, or "dotnet exec …/csc.dll"), then /noconfig.
        private static readonly Regex CscLine = new Regex(@"^\s*(?<compiler>\S*csc(?:\.exe|\.dll)?)\s+(?<arguments>/noconfig\s.*)$", RegexOptions.Multiline);

        private CompilerCommand(string compiler, string withAnalyzer, string withoutAnalyzer)
        {
            Compiler = compiler;
            WithAnalyzer = withAnalyzer;
            WithoutAnalyzer = withoutAnalyzer;
        }

        /// <summary>The compiler executable.</summary>
        public string Compiler { get; }

        /// <summary>Response file of the compile with RaceAnalyzers.</summary>
        public string WithAnalyzer { get; }

        /// <summary>Response file of the same compile without it (every other analyzer and generator kept).</summary>
        public string WithoutAnalyzer { get; }

        /// <summary>Reads the compiler's command line from <paramref name="detailedBuildLog"/>, a build with <paramref name="analyzer"/>.</summary>
        public static CompilerCommand FromLog(string detailedBuildLog, string analyzer, string directory)
        {
            var match = CscLine.Match(detailedBuildLog);
            if (!match.Success)
            {
                throw new InvalidOperationException("The detailed build log holds no csc command line (looked for a line '…csc /noconfig …').");
            }

            // The arguments go to response files, less /noconfig: in a response file the compiler ignores it and
            // would add its default csc.rsp references. The command line passes /noconfig itself.
            var arguments = match.Groups["arguments"].Value.Trim().Substring("/noconfig".Length).Trim();
            var withoutAnalyzer = arguments.Replace("/analyzer:\"" + analyzer + "\"", string.Empty).Replace("/analyzer:" + analyzer, string.Empty);
            if (withoutAnalyzer == arguments)
            {
                throw new InvalidOperationException($"The csc command line does not name {analyzer} as an analyzer.");
            }

            var with = Path.Combine(directory, "csc-with.rsp");
            var without = Path.Combine(directory, "csc-without.rsp");
            File.WriteAllText(with, arguments);
            File.WriteAllText(without, withoutAnalyzer);
            return new CompilerCommand(match.Groups["compiler"].Value, with, without);
        }

        /// <summary>The arguments of one compile: <c>/noconfig @rsp</c>.</summary>
        public string[] Arguments(bool withAnalyzer) => new[] { "/noconfig", "@" + (withAnalyzer ? WithAnalyzer : WithoutAnalyzer) };
    }
}
