using System.Collections.Generic;
using System.IO;
using System.Linq;
using RaceAnalyzers.Tests.Docs;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>The three code bases issue 27 measures Fix All on, each compiled the way it is built.</summary>
    internal static class SweepCorpora
    {
        /// <summary>tests/HeldOut: each file is its own build unit, as <c>HeldOutCorpusTests</c> compiles it.</summary>
        public static CorpusSolution HeldOut()
        {
            var solution = new CorpusSolution();
            foreach (var file in Directory.GetFiles(Path.Combine(DescriptorTests.RepositoryRoot(), "tests", "HeldOut"), "*.cs").OrderBy(f => f))
            {
                solution.AddProject(Path.GetFileNameWithoutExtension(file), new[] { (Path.GetFileName(file), File.ReadAllText(file)) });
            }

            return solution;
        }

        /// <summary>samples/: one project per case study (Nullable enabled, no implicit usings, as their project files say).</summary>
        public static CorpusSolution Samples()
        {
            var solution = new CorpusSolution();
            var root = Path.Combine(DescriptorTests.RepositoryRoot(), "samples");
            foreach (var directory in Directory.GetDirectories(root).OrderBy(d => d))
            {
                var name = Path.GetFileName(directory);
                solution.AddProject(name, Directory.GetFiles(directory, "*.cs").Select(f => (name + "/" + Path.GetFileName(f), File.ReadAllText(f))));
            }

            return solution;
        }

        /// <summary>
        /// A code base written by RaceBench's own generator (bench/RaceBench, its sources linked into the tests):
        /// seeded service code with planted bugs, one project with Nullable disabled, as its project template says.
        /// </summary>
        public static (CorpusSolution Solution, RaceBench.CodeBaseGenerator Generator, int Lines) Generated(int seed, int lines)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"race-sweep-{seed}-{lines}-{System.Environment.ProcessId}");
            try
            {
                var generator = new RaceBench.CodeBaseGenerator(seed, apiPercent: 30);
                generator.Generate(directory, lines, longMethodStatements: 0);
                var files = Directory.GetFiles(directory, "*.cs").Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
                return (new CorpusSolution().AddProject("Generated", files, nullable: false), generator, generator.Lines);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
