using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>The sweep itself: what has a fix is fixed and counted, what has none is listed with where it is.</summary>
    public sealed class FixAllSweepSelfTests
    {
        private const string Source = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Journal
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly object _first = new object();
                private readonly object _second = new object();

                public async Task AppendAsync(Stream log, byte[] entry, CancellationToken ct)
                {
                    await _gate.WaitAsync(ct);
                    await log.WriteAsync(entry, ct);
                    _gate.Release();
                }

                public void Forward()
                {
                    lock (_first)
                    {
                        lock (_second)
                        {
                        }
                    }
                }

                public void Backward()
                {
                    lock (_second)
                    {
                        lock (_first)
                        {
                        }
                    }
                }
            }
            """;

        [Fact]
        public async Task FixesWhatHasAFix_AndListsWhatHasNone()
        {
            var corpus = new CorpusSolution().AddProject("Journal", new[] { ("Journal.cs", Source) });

            var result = await FixAllSweep.RunAsync(corpus.Solution);

            Assert.Equal(1, result.Before["RACE002"]);
            Assert.False(result.After.ContainsKey("RACE002"));
            Assert.Equal(result.Before["RACE011"], result.After["RACE011"]);
            Assert.All(result.Leftovers, l => Assert.Equal(("RACE011", "Journal.cs", false), (l.Rule, l.File, l.FixOffered)));
            Assert.Contains(result.Leftovers, l => l.Key == "Journal.cs Journal.Forward RACE011");
            Assert.True(result.Converged);
            Assert.Equal(0, result.ErrorsAfter);
            var fixedText = (await result.Fixed.Projects.Single().Documents.Single().GetTextAsync()).ToString();
            Assert.Contains("finally", fixedText);
        }
    }
}
