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

        private RoleSite(IInvocationOperation call, Role role, SiteValues values, Location origin, CallDescription description, int depth)
        {
            Call = call;
            Role = role;
            Data = values.Data;
            Receiver = values.Receiver;
            TakesNoData = values.TakesNoData;
            Origin = origin;
            Description = description;
            Depth = depth;
        }

        /// <summary>The call in this method: the API call itself, or the call that leads to it.</summary>
        public IInvocationOperation Call { get; }
        public Role Role { get; }
        public HashSet<ISymbol> Data { get; }
        public ISymbol? Receiver { get; }
        public Location Origin { get; }
        public CallDescription Description { get; }
        public int Depth { get; }

        /// <summary>
        /// A commit this method makes itself: the API call, or a call of its own wrapper named as a commit whose body
        /// makes it (<c>_channel.BasicAck(tag)</c> on the project's <c>IChannelWrapper</c>).
        /// </summary>
        public bool IsOwnCommit => Role == Role.Commit && (Depth == 0 || (Depth == 1 && ApiCatalog.IsCommitWrapper(Call.TargetMethod)));

        /// <summary>True when the call is handed nothing of its caller's (<c>SaveChanges()</c>, a parameterless handler).</summary>
        public bool TakesNoData { get; }

        /// <summary>For a commit: the locals and parameters naming the committed message (empty when it names none, as <c>Commit()</c>).</summary>
        public HashSet<ISymbol> Message { get; private set; } = NoSymbols;

        /// <summary>For a LISTEN or a SQL read made here: what its connection comes from (the connection, the data source).</summary>
        public HashSet<ISymbol> ConnectionRoots { get; private set; } = NoSymbols;

        /// <summary>
        /// Same entity: a shared value flows into both, both use the one receiver that identifies the stream, or a
        /// LISTEN and a read share their connection or data source.
        /// </summary>
        public bool IsRelatedTo(RoleSite other)
            => Data.Overlaps(other.Data) || (Receiver != null && SymbolEqualityComparer.Default.Equals(Receiver, other.Receiver))
               || ConnectionRoots.Overlaps(other.ConnectionRoots);

        /// <summary>
        /// Every read and subscription in the method rooted at <paramref name="methodRoot"/>: direct API calls, and
        /// calls of source methods whose summaries (up to <paramref name="maxDepth"/> calls deep) perform one.
        /// </summary>
        public static List<RoleSite> Collect(IOperation methodRoot, ConfiguredMethods configured, RoleSummaries summaries, int maxDepth, SummaryQuery<RoleEffect>? callees = null)
        {
            var sites = new List<RoleSite>();
            ValueRoots? roots = null;
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
                    roots ??= ValueRoots.Build(methodRoot);
                    var data = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                    foreach (var operand in direct.Data)
                    {
                        data.UnionWith(roots.Of(operand, summaries.Source.CountsEveryValue));
                    }

                    var receiver = direct.ReceiverIdentifiesStream ? ValueRoots.ReceiverSymbol(call) : null;
                    var values = new SiteValues(data, receiver, takesNoData: !PassesArguments(call));
                    var site = new RoleSite(call, direct.Role, values, call.Syntax.GetLocation(), direct.Description, depth: 0);
                    site.Message = MessageOf(direct, roots) ?? NoSymbols;
                    if (direct.Connection != null)
                    {
                        site.ConnectionRoots = roots.Of(direct.Connection, everyValue: true);
                    }

                    sites.Add(site);
                    continue;
                }

                if (maxDepth <= 0)
                {
                    continue;
                }

                var effects = (callees ??= summaries.Engine.NewQuery(default)).Of(CallTarget.Of(call), maxDepth - 1);
                foreach (var effect in effects)
                {
                    roots ??= ValueRoots.Build(methodRoot);
                    sites.Add(FromEffect(call, effect, roots, summaries.Source.CountsEveryValue));
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

        private static HashSet<ISymbol>? MessageOf(RoleCall direct, ValueRoots roots)
        {
            if (direct.Message == null)
            {
                return null;
            }

            return MessageSymbols(direct.Message, roots);
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

        private static RoleSite FromEffect(IInvocationOperation call, RoleEffect effect, ValueRoots roots, bool everyValue)
        {
            var data = new HashSet<ISymbol>(effect.Members, SymbolEqualityComparer.Default);
            ISymbol? receiver = effect.ReceiverMember;
            foreach (var argument in call.Arguments)
            {
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                if (effect.Parameters.Contains(ordinal))
                {
                    data.UnionWith(roots.Of(argument.Value, everyValue));
                }

                if (effect.ReceiverParameter == ordinal)
                {
                    receiver = OperationFacts.ReferencedSymbol(argument.Value);
                }
            }

            var values = new SiteValues(data, receiver, takesNoData: effect.Parameters.IsEmpty);
            var site = new RoleSite(call, effect.Role, values, effect.Origin, effect.Description, effect.Depth + 1);
            if (!effect.MessageParameters.IsEmpty)
            {
                var message = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var argument in call.Arguments)
                {
                    if (effect.MessageParameters.Contains(argument.Parameter?.Ordinal ?? -1))
                    {
                        message.UnionWith(MessageSymbols(argument.Value, roots));
                    }
                }

                site.Message = message;
            }

            return site;
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
    internal readonly struct SiteValues
    {
        public SiteValues(HashSet<ISymbol> data, ISymbol? receiver, bool takesNoData)
        {
            Data = data;
            Receiver = receiver;
            TakesNoData = takesNoData;
        }

        public HashSet<ISymbol> Data { get; }

        public ISymbol? Receiver { get; }

        public bool TakesNoData { get; }
    }
}
