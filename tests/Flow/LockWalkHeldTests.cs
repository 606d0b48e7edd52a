using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RaceAnalyzers.Flow.Locks;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;
using RaceAnalyzers.Tests.Rules;
using Xunit;

namespace RaceAnalyzers.Tests.Flow
{
    /// <summary>
    /// Calls in a row under the same locks share one list of what is held; every call must still get what is held at
    /// its own place, however the held locks changed between two calls.
    /// </summary>
    public sealed class LockWalkHeldTests
    {
        private const string Source = @"
public sealed class Ledger
{
    private readonly object _a = new object();
    private readonly object _b = new object();

    public void Run()
    {
        Before();
        lock (_a)
        {
            UnderA();
            AlsoUnderA();
            lock (_b)
            {
                UnderBoth();
            }

            BackUnderA();
        }

        lock (_a)
        {
            OnlyA();
        }

        lock (_b)
        {
            OnlyB();
        }

        After();
    }

    private void Before() { }
    private void UnderA() { }
    private void AlsoUnderA() { }
    private void UnderBoth() { }
    private void BackUnderA() { }
    private void OnlyA() { }
    private void OnlyB() { }
    private void After() { }
}";

        [Fact]
        public void EachCall_RecordsWhatIsHeldAtItsOwnPlace()
        {
            var calls = CallsOf(Source);

            Assert.Equal(string.Empty, calls["Before"]);
            Assert.Equal("_a", calls["UnderA"]);
            Assert.Equal("_a", calls["AlsoUnderA"]);
            Assert.Equal("_a,_b", calls["UnderBoth"]);
            Assert.Equal("_a", calls["BackUnderA"]);
            Assert.Equal("_a", calls["OnlyA"]);

            // As many locks held as before, but another one.
            Assert.Equal("_b", calls["OnlyB"]);
            Assert.Equal(string.Empty, calls["After"]);
        }

        [Fact]
        public void CallsInARowUnderTheSameLocks_ShareOneList()
        {
            var (compilation, root) = ShortcutCorpus.Bind(Source, "Run");
            var facts = LockWalk.Read(root, ApiCatalog.For(compilation), ConfiguredMethods.Empty, null, CancellationToken.None);
            var underA = facts.Calls.Single(call => call.Target.Method.Name == "UnderA").Held;
            var alsoUnderA = facts.Calls.Single(call => call.Target.Method.Name == "AlsoUnderA").Held;
            var backUnderA = facts.Calls.Single(call => call.Target.Method.Name == "BackUnderA").Held;

            Assert.True(underA == alsoUnderA, "two calls in a row under _a share the list");
            Assert.Equal(underA.Select(held => held.Id.Name), backUnderA.Select(held => held.Id.Name));
        }

        private static Dictionary<string, string> CallsOf(string source)
        {
            var (compilation, root) = ShortcutCorpus.Bind(source, "Run");
            var facts = LockWalk.Read(root, ApiCatalog.For(compilation), ConfiguredMethods.Empty, null, CancellationToken.None);
            return facts.Calls
                .Where(call => call.Target.Method.ContainingType.Name == "Ledger")
                .ToDictionary(call => call.Target.Method.Name, call => string.Join(",", call.Held.Select(held => held.Id.Name)));
        }
    }
}
