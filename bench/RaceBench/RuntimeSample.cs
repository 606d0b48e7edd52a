using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace RaceBench
{
    /// <summary>
    /// What bench/RuntimeStats, a startup hook in the compiler process, wrote at the compiler's exit: its CPU, JIT time
    /// (all of it, of RaceAnalyzers' methods, of Roslyn's operation and flow-graph code), collector pauses and bytes
    /// allocated. With <c>--runtime</c> RaceBench puts the hook in every compile, to split the seconds RaceAnalyzers
    /// adds into JIT, collection and the work its callbacks do.
    /// </summary>
    internal sealed class RuntimeSample
    {
        private readonly Dictionary<string, double> _values;

        private RuntimeSample(Dictionary<string, double> values) => _values = values;

        /// <summary>The rows of the report: what each value is, its name in the hook's line, and its format.</summary>
        public static readonly (string Label, string Name, string Format)[] Rows =
        {
            ("compiler process CPU s", "cpu", "F2"),
            ("JIT s, all methods", "jit", "F2"),
            ("methods JIT-compiled (every tier counts)", "jitMethods", "F0"),
            ("JIT s of RaceAnalyzers' methods", "jitRace", "F2"),
            ("RaceAnalyzers methods JIT-compiled", "jitRaceMethods", "F0"),
            ("JIT s of Roslyn's operation and flow-graph code", "jitRoslynOperations", "F2"),
            ("collector pauses s", "gcPause", "F2"),
            ("allocated MB", "allocatedMB", "F0"),
            ("gen 2 collections", "gen2", "F0"),
        };

        public double this[string name] => _values.TryGetValue(name, out var value) ? value : double.NaN;

        /// <summary>The environment that loads the hook into a process and names the file it appends to.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Environment(string hook, string file)
        {
            yield return new KeyValuePair<string, string>("DOTNET_STARTUP_HOOKS", hook);
            yield return new KeyValuePair<string, string>("RUNTIME_STATS_FILE", file);
        }

        /// <summary>The sample the hook wrote last to <paramref name="file"/>; throws when the compiler exited without writing one.</summary>
        public static RuntimeSample ReadLast(string file)
        {
            var line = File.Exists(file) ? File.ReadAllLines(file).LastOrDefault(l => l.StartsWith("cpu=", StringComparison.Ordinal)) : null;
            if (line == null)
            {
                throw new InvalidOperationException($"The compiler wrote no runtime statistics to {file}: the startup hook did not load (DOTNET_STARTUP_HOOKS).");
            }

            var values = new Dictionary<string, double>();
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                values[pair.Substring(0, equals)] = double.Parse(pair.Substring(equals + 1), CultureInfo.InvariantCulture);
            }

            return new RuntimeSample(values);
        }
    }
}
