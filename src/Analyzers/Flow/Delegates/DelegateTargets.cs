using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow.Delegates
{
    /// <summary>
    /// The source methods and lambdas a delegate invocation can run, where the compilation says so for certain: an
    /// event runs what is subscribed to it with <c>+=</c> (method groups and lambdas), and a local runs what it
    /// is given (a copy of an event, <c>var handler = OnChanged;</c>, or a lambda). A delegate passed in as a
    /// parameter or stored in a field is not joined with the lambdas that could flow there: an event with no
    /// subscription, or a delegate of unknown origin, runs nothing the walk can see. Per compilation; the
    /// subscriptions of an event are found by its name in the trees' scans and bound only there, memoized per event.
    /// </summary>
    internal sealed class DelegateTargets
    {
        private readonly Compilation _compilation;
        private readonly Func<SyntaxTree, SemanticModel> _modelOf;
        private readonly ConcurrentDictionary<IEventSymbol, ImmutableArray<IMethodSymbol>> _byEvent =
            new ConcurrentDictionary<IEventSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);

        public DelegateTargets(Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf)
        {
            _compilation = compilation;
            _modelOf = modelOf;
        }

        /// <summary>What invoking the delegate read from <paramref name="source"/> (at <paramref name="site"/>) can run.</summary>
        public ImmutableArray<IMethodSymbol> Of(ISymbol? source, IOperation site, CancellationToken cancellationToken)
        {
            switch (source)
            {
                case IEventSymbol subscribed:
                    return Subscribers(subscribed, cancellationToken);
                case ILocalSymbol local when LocalValues.Of(local, site) is { } values:
                    var targets = ImmutableArray.CreateBuilder<IMethodSymbol>();
                    foreach (var value in values)
                    {
                        targets.AddRange(Unwrapped(value) is IEventReferenceOperation copied ? Subscribers(copied.Event, cancellationToken) : Direct(value));
                    }

                    return targets.ToImmutable();
                default:
                    return ImmutableArray<IMethodSymbol>.Empty;
            }
        }

        private ImmutableArray<IMethodSymbol> Subscribers(IEventSymbol raised, CancellationToken cancellationToken)
        {
            raised = raised.OriginalDefinition;
            return raised.DeclaringSyntaxReferences.IsEmpty
                ? ImmutableArray<IMethodSymbol>.Empty
                : _byEvent.GetOrAdd(raised, e => FindSubscribers(e, cancellationToken));
        }

        private ImmutableArray<IMethodSymbol> FindSubscribers(IEventSymbol raised, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var candidate in SubscribedEvents.Of(_compilation).SubscriptionsNamed(raised.Name, cancellationToken))
            {
                if (_modelOf(candidate.SyntaxTree).GetOperation(candidate, cancellationToken) is IEventAssignmentOperation { Adds: true } subscription
                    && subscription.EventReference is IEventReferenceOperation reference && Raises(raised, reference.Event))
                {
                    found.AddRange(Direct(subscription.HandlerValue));
                }
            }

            return found.ToImmutable();
        }

        /// <summary>A subscription to <paramref name="subscribed"/> is run by raising <paramref name="raised"/>: the same event, or the interface or base event it implements.</summary>
        private static bool Raises(IEventSymbol raised, IEventSymbol subscribed)
        {
            subscribed = subscribed.OriginalDefinition;
            for (var current = raised; current != null; current = current.OverriddenEvent?.OriginalDefinition)
            {
                if (SymbolEqualityComparer.Default.Equals(current, subscribed))
                {
                    return true;
                }
            }

            return subscribed.ContainingType.TypeKind == TypeKind.Interface
                   && raised.ContainingType.FindImplementationForInterfaceMember(subscribed) is IEventSymbol implementation
                   && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, raised);
        }

        /// <summary>The method group or lambda a delegate value is made from, when it is one in source.</summary>
        private static ImmutableArray<IMethodSymbol> Direct(IOperation value) => Unwrapped(value) switch
        {
            IAnonymousFunctionOperation lambda => ImmutableArray.Create(lambda.Symbol),
            IMethodReferenceOperation { Method: var method } when !method.DeclaringSyntaxReferences.IsEmpty => ImmutableArray.Create(method.OriginalDefinition),
            _ => ImmutableArray<IMethodSymbol>.Empty,
        };

        private static IOperation? Unwrapped(IOperation? value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        break;
                    case IDelegateCreationOperation creation:
                        value = creation.Target;
                        break;
                    default:
                        return value;
                }
            }
        }

        /// <summary>
        /// A syntax gate for the summary engine: <paramref name="block"/> mentions the name of a source event that
        /// something subscribes to with <c>+=</c>, so running it may run a subscriber (an over-approximation).
        /// </summary>
        public bool MayRaise(SyntaxNode block) => SubscribedEvents.Of(_compilation).MentionedIn(block);
    }
}
