using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Rules.InMemory;

namespace RaceAnalyzers.CodeFixes.InMemory
{
    /// <summary>RACE009: one atomic call instead of a read and a write (AddOrUpdate, GetOrAdd, TryRemove(KeyValuePair)).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicDictionaryFixer)), Shared]
    public sealed class AtomicDictionaryFixer : AnchoredFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Race009CheckThenActOnConcurrentCollection.Id);

        protected override string EquivalenceKey => "RaceAnalyzers.AtomicDictionary";

        internal override IAnchoredFix? Resolve(FixDocument document, Diagnostic diagnostic)
        {
            if (!(DictionaryFinding.Resolve(document, diagnostic) is var (write, read)))
            {
                return null;
            }

            var written = ConcurrentDictionaryAnalyzer.WriteLocationNode(write);
            if (DictionaryIncrement.Of(write, read) is { } increment)
            {
                return increment.Delta.Syntax is ExpressionSyntax delta ? new AddOrUpdate(increment.Operator, new SyntaxNode?[] { written, delta }) : null;
            }

            if (GetOrAddPlan.For(write, read) is var (check, value, declaresOut))
            {
                return new GetOrAdd(declaresOut, new SyntaxNode?[] { written, check, value });
            }

            if (UpdateOrAddPlan.For(write, read) is var (branches, replacement))
            {
                return new Rewrite(FixTitles.AddOrUpdate, new SyntaxNode?[] { branches }, (root, anchors)
                    => anchors[0] is IfStatementSyntax check ? AtomicDictionaryRewriter.UpdateOrAdd(root, check, replacement) : null);
            }

            if (ReturnStoredOrAddedPlan.For(write, read) is var (returning, created, store, call))
            {
                return new Rewrite(FixTitles.GetOrAdd, new SyntaxNode?[] { returning, created, store }, (root, anchors)
                    => anchors[0] is IfStatementSyntax check && anchors[1] is LocalDeclarationStatementSyntax declaration && anchors[2] is ExpressionStatementSyntax write
                        ? AtomicDictionaryRewriter.ReturnStoredOrAdded(root, check, declaration, write, call)
                        : null);
            }

            return RemoveIfUnchangedPlan.For(document, write, read) is var (removal, arguments) ? new RemoveIfUnchanged(arguments, new SyntaxNode?[] { removal }) : null;
        }

        /// <summary><c>d[k] = d[k] ± x;</c> → <c>d.AddOrUpdate(…)</c>: the assignment and the delta.</summary>
        private sealed class AddOrUpdate : IAnchoredFix
        {
            private readonly string _operator;

            public AddOrUpdate(string op, IReadOnlyList<SyntaxNode?> anchors)
            {
                _operator = op;
                Anchors = anchors;
            }

            public string Title => FixTitles.AddOrUpdate;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new AddOrUpdate(_operator, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is AssignmentExpressionSyntax assignment && Anchors[1] is ExpressionSyntax delta
                    ? AtomicDictionaryRewriter.AddOrUpdate(root, assignment, delta, _operator)
                    : null;
        }

        /// <summary>A rewrite planned in full: the plan's text is kept, the anchors are found again.</summary>
        private sealed class Rewrite : IAnchoredFix
        {
            private readonly Func<SyntaxNode, IReadOnlyList<SyntaxNode?>, SyntaxNode?> _apply;

            public Rewrite(string title, IReadOnlyList<SyntaxNode?> anchors, Func<SyntaxNode, IReadOnlyList<SyntaxNode?>, SyntaxNode?> apply)
            {
                Title = title;
                Anchors = anchors;
                _apply = apply;
            }

            public string Title { get; }

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new Rewrite(Title, anchors, _apply);

            public SyntaxNode? ApplyTo(SyntaxNode root) => _apply(root, Anchors);
        }

        /// <summary>The owner-checked <c>d.TryRemove(k, out _)</c> → <c>d.TryRemove(KeyValuePair.Create(k, owner))</c>: the removal call.</summary>
        private sealed class RemoveIfUnchanged : IAnchoredFix
        {
            private readonly string _arguments;

            public RemoveIfUnchanged(string arguments, IReadOnlyList<SyntaxNode?> anchors)
            {
                _arguments = arguments;
                Anchors = anchors;
            }

            public string Title => FixTitles.RemoveIfUnchanged;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new RemoveIfUnchanged(_arguments, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[0] is InvocationExpressionSyntax removal ? AtomicDictionaryRewriter.RemoveIfUnchanged(root, removal, _arguments) : null;
        }

        /// <summary>The check-then-add → <c>d.GetOrAdd(…)</c>: the write, the checking <c>if</c> and the value written.</summary>
        private sealed class GetOrAdd : IAnchoredFix
        {
            private readonly bool _declaresOut;

            public GetOrAdd(bool declaresOut, IReadOnlyList<SyntaxNode?> anchors)
            {
                _declaresOut = declaresOut;
                Anchors = anchors;
            }

            public string Title => FixTitles.GetOrAdd;

            public IReadOnlyList<SyntaxNode?> Anchors { get; }

            public IAnchoredFix WithAnchors(IReadOnlyList<SyntaxNode?> anchors) => new GetOrAdd(_declaresOut, anchors);

            public SyntaxNode? ApplyTo(SyntaxNode root)
                => Anchors[1] is IfStatementSyntax check && Anchors[2] is ExpressionSyntax value ? AtomicDictionaryRewriter.GetOrAdd(root, check, value, _declaresOut) : null;
        }
    }
}
