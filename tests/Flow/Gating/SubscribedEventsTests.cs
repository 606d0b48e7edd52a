using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Flow.Delegates;
using Xunit;

namespace RaceAnalyzers.Tests.Flow.Gating
{
    /// <summary>
    /// The lock summaries follow a body that may raise an event with subscribers. The gate opens on a mention of a
    /// source event that something subscribes to with <c>+=</c>, not on any name that appears left of a <c>+=</c>
    /// (<c>total += amount</c>), and it follows an edit of another document as a fresh compilation would.
    /// </summary>
    public sealed class SubscribedEventsTests
    {
        private const string Bus = """
public delegate void Changed(int value);

public sealed class Bus
{
    public event Changed? OnChanged;
    public event Changed? Unused;

    public void Raise(int value) => OnChanged?.Invoke(value);

    public void RaiseUnused(int value) => Unused?.Invoke(value);

    public int Sum(int[] amounts)
    {
        var total = 0;
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    public int Total(int total) => total;
}
""";

        private const string Subscriber = "public sealed class Ledger { public Ledger(Bus bus) { bus.OnChanged += Record; } private void Record(int value) { } }";

        [Fact]
        public void OnlyBodiesThatMentionASubscribedSourceEventOpen()
        {
            var compilation = Compilation(Subscriber);
            var events = SubscribedEvents.Of(compilation);

            Assert.True(events.MentionedIn(Body(compilation, "Raise")));
            Assert.False(events.MentionedIn(Body(compilation, "RaiseUnused")));
            Assert.False(events.MentionedIn(Body(compilation, "Sum")));
            Assert.False(events.MentionedIn(Body(compilation, "Total")));
            Assert.Single(events.SubscriptionsNamed("OnChanged", default));
        }

        [Theory]
        [InlineData("bus.OnChanged += Record;")]
        [InlineData("(bus.OnChanged) += Record;")]
        [InlineData("bus.OnChanged += value => Record(value);")]
        public void EverySpellingOfTheSubscription_OpensTheGate(string subscription)
        {
            var compilation = Compilation("public sealed class Ledger { public Ledger(Bus bus) { " + subscription + " } private void Record(int value) { } }");

            Assert.True(SubscribedEvents.Of(compilation).MentionedIn(Body(compilation, "Raise")));
            Assert.Single(SubscribedEvents.Of(compilation).SubscriptionsNamed("OnChanged", default));
        }

        [Fact]
        public void AnEditInAnotherDocument_OpensAndClosesTheGate()
        {
            var quiet = Compilation("public sealed class Ledger { public Ledger(Bus bus) { } }");
            var ledger = quiet.SyntaxTrees.Single(t => t.FilePath == "Ledger.cs");
            var subscribed = quiet.ReplaceSyntaxTree(ledger, CSharpSyntaxTree.ParseText(Subscriber, path: "Ledger.cs"));
            var unsubscribed = subscribed.ReplaceSyntaxTree(
                subscribed.SyntaxTrees.Single(t => t.FilePath == "Ledger.cs"), CSharpSyntaxTree.ParseText(Subscriber.Replace("+=", "-="), path: "Ledger.cs"));

            Assert.False(SubscribedEvents.Of(quiet).MentionedIn(Body(quiet, "Raise")));
            Assert.True(SubscribedEvents.Of(subscribed).MentionedIn(Body(subscribed, "Raise")));
            Assert.False(SubscribedEvents.Of(unsubscribed).MentionedIn(Body(unsubscribed, "Raise")));
            Assert.Empty(SubscribedEvents.Of(unsubscribed).SubscriptionsNamed("OnChanged", default));
        }

        private static Compilation Compilation(string ledger) => CSharpCompilation.Create(
            "Subscriptions",
            new[] { CSharpSyntaxTree.ParseText(Bus, path: "Bus.cs"), CSharpSyntaxTree.ParseText(ledger, path: "Ledger.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });

        private static SyntaxNode Body(Compilation compilation, string method)
        {
            var declaration = compilation.SyntaxTrees.Single(t => t.FilePath == "Bus.cs").GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Single(m => m.Identifier.ValueText == method);
            return (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
        }
    }
}
