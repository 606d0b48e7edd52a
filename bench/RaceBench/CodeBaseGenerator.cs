using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RaceBench
{
    /// <summary>
    /// Writes a seeded code base shaped like real services: plain business logic beside classes that use pools,
    /// semaphores, Redis, Dapper/Npgsql, Kafka and RabbitMQ consumers, call chains several methods deep, some long
    /// methods; mostly clean, with a known number of planted bugs per rule.
    /// </summary>
    internal sealed class CodeBaseGenerator
    {
        private const int ClassesPerFile = 40;

        private readonly Random _random;
        private static readonly (string Id, int Reports, string Template)[] Bugs =
            Concat(Array.ConvertAll(Templates.Bugs, bug => (bug.Id, 1, bug.Template)), RealFormTemplates.Bugs);
        private static readonly string[] ApiClean = Concat(Templates.ApiClean, RealFormTemplates.Clean);

        private readonly Dictionary<string, int> _planted = new Dictionary<string, int>();
        private readonly List<(string Id, int Reports, string Template)> _plantedTemplates = new List<(string Id, int Reports, string Template)>();

        private readonly int _apiPercent;

        /// <param name="apiPercent">The share of clean classes that use the APIs the rules know; the rest is plain logic.</param>
        public CodeBaseGenerator(int seed, int apiPercent)
        {
            _random = new Random(seed);
            _apiPercent = apiPercent;
        }

        /// <summary>How many diagnostics of each rule the planted bugs should get.</summary>
        public IReadOnlyDictionary<string, int> Planted => _planted;

        /// <summary>Each planted bug's rule, diagnostics and template (NAME not replaced), one entry per bug.</summary>
        public IReadOnlyList<(string Id, int Reports, string Template)> PlantedTemplates => _plantedTemplates;

        /// <summary>How many bug templates there are to plant from.</summary>
        public int TemplateCount => Bugs.Length;

        public int Lines { get; private set; }

        /// <summary>Generates about <paramref name="targetLines"/> lines into <paramref name="directory"/>, plus the project file.</summary>
        public void Generate(string directory, int targetLines, int longMethodStatements)
        {
            Directory.CreateDirectory(directory);
            foreach (var old in Directory.GetFiles(directory, "*.cs"))
            {
                File.Delete(old);
            }

            File.WriteAllText(Path.Combine(directory, "Generated.csproj"), Templates.Project);
            File.WriteAllText(Path.Combine(directory, "Shared.cs"), Templates.Shared);
            Lines = Count(Templates.Shared);

            var file = 0;
            var index = 0;
            while (Lines < targetLines)
            {
                var builder = new StringBuilder(Templates.Usings).Append("namespace Generated.Part").Append(file).Append("\n{\n");
                for (var i = 0; i < ClassesPerFile && Lines < targetLines; i++, index++)
                {
                    var text = NextClass(index, longMethodStatements);
                    builder.Append(text);
                    Lines += Count(text);
                }

                builder.Append("}\n");
                File.WriteAllText(Path.Combine(directory, $"Part{file:D4}.cs"), builder.ToString());
                file++;
            }
        }

        private string NextClass(int index, int longMethodStatements)
        {
            var name = "C" + index;

            // One planted bug in about every 25 classes, spread over the rules; the rest is clean code.
            if (_random.Next(25) == 0)
            {
                var rule = Bugs[_random.Next(Bugs.Length)];
                _planted[rule.Id] = (_planted.TryGetValue(rule.Id, out var count) ? count : 0) + rule.Reports;
                _plantedTemplates.Add(rule);
                return rule.Template.Replace("NAME", name);
            }

            if (longMethodStatements > 0 && index % 200 == 0)
            {
                return Templates.LongMethod(name, longMethodStatements);
            }

            var pick = _random.Next(100) < _apiPercent ? ApiClean : Templates.Plain;
            return pick[_random.Next(pick.Length)].Replace("NAME", name);
        }

        private static T[] Concat<T>(T[] first, T[] second)
        {
            var all = new T[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }

        private static int Count(string text)
        {
            var lines = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }
    }
}
