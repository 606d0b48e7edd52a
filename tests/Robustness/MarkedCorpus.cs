using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace RaceAnalyzers.Tests.Robustness
{
    /// <summary>
    /// What the scored corpora share (tests/HeldOut, tests/RealBugs): the <c>// expect: RACEnnn</c> marks on the
    /// lines a diagnostic should start on, and a tally per rule of true positives, false positives and misses.
    /// </summary>
    internal sealed class MarkedCorpus
    {
        private static readonly Regex Expectation = new Regex(@"//\s*expect:\s*(?<ids>RACE\d{3}(\s*,\s*RACE\d{3})*)", RegexOptions.Compiled);

        public SortedDictionary<string, Score> Scores { get; } = new SortedDictionary<string, Score>();

        /// <summary>Every (line, id) a file marks, lines 1-based.</summary>
        public static HashSet<(int Line, string Id)> ExpectedByLine(string source)
        {
            var expected = new HashSet<(int, string)>();
            var lines = source.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Expectation.Match(lines[i]);
                if (match.Success)
                {
                    foreach (var id in match.Groups["ids"].Value.Split(','))
                    {
                        expected.Add((i + 1, id.Trim()));
                    }
                }
            }

            return expected;
        }

        public Score Of(string id)
        {
            if (!Scores.TryGetValue(id, out var score))
            {
                Scores[id] = score = new Score();
            }

            return score;
        }

        /// <summary>One line per rule, and with <paramref name="withTotal"/> a line for all rules together.</summary>
        public string Table(bool withTotal)
        {
            var all = new Score();
            var report = new StringBuilder("rule     tp  fp  fn  precision  recall\n");
            foreach (var (id, score) in Scores)
            {
                report.AppendLine(Row(id, score));
                all.Absorb(score);
            }

            if (withTotal)
            {
                report.AppendLine(Row("all    ", all));
            }

            return report.ToString();
        }

        public Score Total()
        {
            var all = new Score();
            foreach (var score in Scores.Values)
            {
                all.Absorb(score);
            }

            return all;
        }

        private static string Row(string id, Score score)
            => $"{id}  {score.TruePositives,3} {score.FalsePositives,3} {score.Missed,3}  {score.Precision,9:0.000}  {score.Recall,6:0.000}";

        internal sealed class Score
        {
            public int TruePositives { get; private set; }

            public int FalsePositives { get; private set; }

            public int Missed { get; set; }

            public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

            public double Recall => TruePositives + Missed == 0 ? 1 : (double)TruePositives / (TruePositives + Missed);

            public void Add(bool truePositive)
            {
                if (truePositive)
                {
                    TruePositives++;
                }
                else
                {
                    FalsePositives++;
                }
            }

            public void Absorb(Score other)
            {
                TruePositives += other.TruePositives;
                FalsePositives += other.FalsePositives;
                Missed += other.Missed;
            }
        }
    }
}
