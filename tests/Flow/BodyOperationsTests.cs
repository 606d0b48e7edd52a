using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Tests.Rules;
using Xunit;

namespace RaceAnalyzers.Tests.Flow
{
    /// <summary>
    /// The one walk per body that the rules read instead of Roslyn's iterator must give exactly what the iterator
    /// gives: the same operations in the same order, for the body and for every operation's subtree.
    /// </summary>
    public sealed class BodyOperationsTests
    {
        [Fact]
        public void EveryBodyOfTheCorpus_WalksAsRoslynsIterator()
        {
            var bodies = 0;
            var operations = 0;
            foreach (var (where, _, root) in ShortcutCorpus.Bodies())
            {
                bodies++;
                var walk = BodyOperations.Of(root);
                var expected = root.DescendantsAndSelf().ToList();
                operations += expected.Count;
                AssertSame(expected, walk.AndSelf, where + " (and self)");
                AssertSame(root.Descendants().ToList(), walk.Descendants, where + " (descendants)");
                Assert.Equal(expected.OfType<IInvocationOperation>(), walk.Invocations);
                for (var index = 0; index < expected.Count; index++)
                {
                    AssertSame(expected[index].DescendantsAndSelf().ToList(), walk.SubtreeOf(expected[index]), where + " subtree " + index);
                }
            }

            // The corpus is the real-bug suite, the held-out corpus and the samples: hundreds of bodies.
            Assert.True(bodies > 300, bodies + " bodies");
            Assert.True(operations > 10000, operations + " operations");
        }

        [Fact]
        public void TheWalkOfABody_IsMadeOnce()
        {
            var (_, root) = ShortcutCorpus.Bind(Source, "Run");
            Assert.Same(BodyOperations.Of(root), BodyOperations.Of(root));
        }

        [Fact]
        public void SubtreeOf_FindsOnlyFromWhereItIsAsked()
        {
            var (_, root) = ShortcutCorpus.Bind(Source, "Run");
            var walk = BodyOperations.Of(root);
            var guarded = root.Descendants().OfType<ITryOperation>().First();
            var found = walk.SubtreeOf(guarded.Finally!);
            Assert.True(found.End > found.Start);
            Assert.Same(guarded.Finally, Items(found)[0]);
            Assert.Empty(Items(walk.SubtreeOf(guarded.Finally!, found.End)));
        }

        [Fact]
        public void AnExpressionThousandsDeep_IsWalkedWithoutRecursion()
        {
            var sum = new StringBuilder("var s = a");
            for (var i = 0; i < 5000; i++)
            {
                sum.Append(" + a");
            }

            var (_, root) = ShortcutCorpus.Bind("class C { int Run(int a) { " + sum + "; return s; } }", "Run");
            var walk = BodyOperations.Of(root);
            Assert.Equal(root.DescendantsAndSelf().Count(), Items(walk.AndSelf).Count);
        }

        private const string Source = @"
using System;
using System.Threading;
class C
{
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    void Run(Action<int> log)
    {
        _gate.Wait();
        try { log(1); Func<int, int> twice = x => x * 2; log(twice(2)); }
        finally { _gate.Release(); }
    }
}";

        private static void AssertSame(List<IOperation> expected, OperationRange actual, string where)
        {
            var items = Items(actual);
            Assert.True(expected.Count == items.Count, where + ": " + expected.Count + " operations expected, " + items.Count + " walked");
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(ReferenceEquals(expected[i], items[i]), where + ": operation " + i + " differs");
            }
        }

        private static List<IOperation> Items(OperationRange range)
        {
            var items = new List<IOperation>();
            foreach (var operation in range)
            {
                items.Add(operation);
            }

            return items;
        }
    }
}
