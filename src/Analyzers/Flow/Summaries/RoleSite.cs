using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Flow.Summaries
{
    /// <summary>
    /// A call in the analyzed method that plays a role (reads, subscribes, persists, commits), itself or through
    /// the methods it calls, with the symbols of this method that flow into it.
    /// </summary>
    internal sealed class RoleSite
    {
        private static readonly HashSet<ISymbol> NoSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private readonly ValueSource _source;
        private SiteValues? _values;

        private RoleSite(IInvocationOperation call, Role role, Location origin, CallDescription description, int depth, bool takesNoData, ValueSource source)
        {
            Call = call;
            Role = role;
            Origin = origin;
            Description = description;
            Depth = depth;
            TakesNoData = takesNoData;
            _source = source;
        }

        /// <summary>The call in this method: the API call itself, or the call that leads to it.</summary>
        public IInvocationOperation Call { get; }
        public Role Role { get; }
        public Location Origin { get; }
        public CallDescription Description { get; }
        public int Depth { get; }

        /// <summary>The locals, parameters, fields and properties of this method that flow into the call.</summary>
        public HashSet<ISymbol> Data => Values.Data;

        public ISymbol? Receiver => Values.Receiver;

        /// <summary>
        /// A commit this method makes itself: the API call, or a call of its own wrapper named as a commit whose body
        /// makes it (<c>_channel.BasicAck(tag)</c> on the project's <c>IChannelWrapper</c>).
        /// </summary>
        public bool IsOwnCommit => Role == Role.Commit && (Depth == 0 || (Depth == 1 && ApiCatalog.IsCommitWrapper(Call.TargetMethod)));

        /// <summary>True when the call is handed nothing of its caller's (<c>SaveChanges()</c>, a parameterless handler).</summary>
        public bool TakesNoData { get; }

        /// <summary>For a commit: the locals and parameters naming the committed message (empty when it names none, as <c>Commit()</c>).</summary>
        public HashSet<ISymbol> Message => Values.Message;

        /// <summary>For a LISTEN or a SQL read made here: what its connection comes from (the connection, the data source).</summary>
        public HashSet<ISymbol> ConnectionRoots => Values.ConnectionRoots;

        /// <summary>
        /// Same entity: a shared value flows into both, both use the one receiver that identifies the stream, or a
        /// LISTEN and a read share their connection or data source.
        /// </summary>
        public bool IsRelatedTo(RoleSite other)
            => Data.Overlaps(other.Data) || (Receiver != null && SymbolEqualityComparer.Default.Equals(Receiver, other.Receiver))
               || ConnectionRoots.Overlaps(other.ConnectionRoots);

        // Most bodies hold one role but not the other a rule orders, and are done once their sites' roles are known:
        // what flows into each site is worked out only when a rule or a caller's summary first asks.
        private SiteValues Values => _values ??= _source.Resolve(this);

        /// <summary>
        /// Every read and subscription in the method rooted at <paramref name="methodRoot"/>: direct API calls, and
        /// calls of source methods whose summaries (up to <paramref name="maxDepth"/> calls deep) perform one.
        /// </summary>
        public static List<RoleSite> Collect(IOperation methodRoot, ConfiguredMethods configured, RoleSummaries summaries, int maxDepth, SummaryQuery<RoleEffect>? callees = null)
        {
            var sites = new List<RoleSite>();
            var everyValue = summaries.Source.CountsEveryValue;
            foreach (var call in BodyOperations.Of(methodRoot).Invocations)
            {
                if (call.IsImplicit)
                {
                    continue;
                }

                var direct = summaries.Source.Classify(call, configured)
                    ?? (summaries.Source.ClassifyByName(call, configured) is { } byName && !summaries.Engine.HasSource(call.TargetMethod) ? byName : null);
                if (direct != null)
                {
                    sites.Add(new RoleSite(call, direct.Role, call.Syntax.GetLocation(), direct.Description, depth: 0, takesNoData: !PassesArguments(call), new DirectValues(methodRoot, direct, everyValue)));
                    continue;
                }

                if (maxDepth <= 0)
                {
                    continue;
                }

                var effects = (callees ??= summaries.Engine.NewQuery(default)).Of(CallTarget.Of(call), maxDepth - 1);
                foreach (var effect in effects)
                {
                    sites.Add(new RoleSite(call, effect.Role, effect.Origin, effect.Description, effect.Depth + 1, takesNoData: effect.Parameters.IsEmpty, new EffectValues(methodRoot, effect, everyValue)));
                }
            }

            return sites;
        }

        private static bool PassesArguments(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && !ApiCatalog.IsCancellationToken(argument.Value.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The message is what the operand names directly, and the locals it was copied from
        /// (var offset = result.TopicPartitionOffset): not the parameters those came from (a cancellation token).
        /// </summary>
        private static HashSet<ISymbol> MessageSymbols(IOperation operand, ValueRoots roots)
        {
            var message = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in operand.DescendantsAndSelf())
            {
                if (operation is IParameterReferenceOperation parameter)
                {
                    message.Add(parameter.Parameter);
                }
            }

            foreach (var symbol in roots.Of(operand, everyValue: true))
            {
                if (symbol is ILocalSymbol)
                {
                    message.Add(symbol);
                }
            }

            return message;
        }

        /// <summary>Where a site's values come from, worked out on first use.</summary>
        private abstract class ValueSource
        {
            protected ValueSource(IOperation methodRoot, bool everyValue)
            {
                MethodRoot = methodRoot;
                EveryValue = everyValue;
            }

            protected IOperation MethodRoot { get; }

            protected bool EveryValue { get; }

            public abstract SiteValues Resolve(RoleSite site);
        }

        /// <summary>An API call made here: its operands, receiver, message and connection, traced to this method's symbols.</summary>
        private sealed class DirectValues : ValueSource
        {
            private readonly RoleCall _direct;

            public DirectValues(IOperation methodRoot, RoleCall direct, bool everyValue)
                : base(methodRoot, everyValue) => _direct = direct;

            public override SiteValues Resolve(RoleSite site)
            {
                var roots = ValueRoots.For(MethodRoot);
                var data = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var operand in _direct.Data)
                {
                    data.UnionWith(roots.Of(operand, EveryValue));
                }

                var receiver = _direct.ReceiverIdentifiesStream ? ValueRoots.ReceiverSymbol(site.Call) : null;
                var message = _direct.Message == null ? NoSymbols : MessageSymbols(_direct.Message, roots);
                var connection = _direct.Connection == null ? NoSymbols : roots.Of(_direct.Connection, everyValue: true);
                return new SiteValues(data, receiver, message, connection);
            }
        }

        /// <summary>A call of a source method that plays the role: the effect's parameters mapped to this call's arguments.</summary>
        private sealed class EffectValues : ValueSource
        {
            private readonly RoleEffect _effect;

            public EffectValues(IOperation methodRoot, RoleEffect effect, bool everyValue)
                : base(methodRoot, everyValue) => _effect = effect;

            public override SiteValues Resolve(RoleSite site)
            {
                var roots = ValueRoots.For(MethodRoot);
                var data = new HashSet<ISymbol>(_effect.Members, SymbolEqualityComparer.Default);
                ISymbol? receiver = _effect.ReceiverMember;
                foreach (var argument in site.Call.Arguments)
                {
                    var ordinal = argument.Parameter?.Ordinal ?? -1;
                    if (_effect.Parameters.Contains(ordinal))
                    {
                        data.UnionWith(roots.Of(argument.Value, EveryValue));
                    }

                    if (_effect.ReceiverParameter == ordinal)
                    {
                        receiver = OperationFacts.ReferencedSymbol(argument.Value);
                    }
                }

                var message = NoSymbols;
                if (!_effect.MessageParameters.IsEmpty)
                {
                    message = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                    foreach (var argument in site.Call.Arguments)
                    {
                        if (_effect.MessageParameters.Contains(argument.Parameter?.Ordinal ?? -1))
                        {
                            message.UnionWith(MessageSymbols(argument.Value, roots));
                        }
                    }
                }

                return new SiteValues(data, receiver, message, NoSymbols);
            }
        }

        /// <summary>This site as its method's callers see it.</summary>
        public RoleEffect ToEffect(IMethodSymbol method)
        {
            var parameters = ImmutableArray.CreateBuilder<int>();
            var members = ImmutableArray.CreateBuilder<ISymbol>();
            foreach (var symbol in Data)
            {
                if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                {
                    parameters.Add(parameter.Ordinal);
                }
                else if (symbol is IFieldSymbol || symbol is IPropertySymbol)
                {
                    members.Add(symbol);
                }
            }

            var messageParameters = ImmutableArray.CreateBuilder<int>();
            foreach (var symbol in Message)
            {
                if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                {
                    messageParameters.Add(parameter.Ordinal);
                }
            }

            var receiverParameter = Receiver is IParameterSymbol p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, method) ? p.Ordinal : (int?)null;
            var receiverMember = Receiver is IFieldSymbol || Receiver is IPropertySymbol ? Receiver : null;
            return new RoleEffect(Role, parameters.ToImmutable(), messageParameters.ToImmutable(), members.ToImmutable(), receiverParameter, receiverMember, Origin, Description, Depth);
        }
    }

    /// <summary>What ties a role site to its method's values; two sites are related through these.</summary>
    internal sealed class SiteValues
    {
        public SiteValues(HashSet<ISymbol> data, ISymbol? receiver, HashSet<ISymbol> message, HashSet<ISymbol> connectionRoots)
        {
            Data = data;
            Receiver = receiver;
            Message = message;
            ConnectionRoots = connectionRoots;
        }

        public HashSet<ISymbol> Data { get; }

        public ISymbol? Receiver { get; }

        public HashSet<ISymbol> Message { get; }

        public HashSet<ISymbol> ConnectionRoots { get; }
    }
}
