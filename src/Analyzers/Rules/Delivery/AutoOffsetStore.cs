using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// RACE010's Kafka form: a <c>Consume</c> result persisted by a consumer whose config lets the client store
    /// (and auto-commit) its offset at delivery; and a <c>StoreOffset</c> call on such a consumer, which the client
    /// rejects. Writes are found as RACE006 finds them (call summaries, data from the result).
    /// </summary>
    internal static class AutoOffsetStore
    {
        public static void Analyze(AnalyzedBody body, ConfiguredMethods configured, RoleSummaries summaries, int maxDepth)
        {
            List<RoleSite>? sites = null;
            foreach (var operation in BodyOperations.Of(body.Root).Descendants)
            {
                if (!(operation is IInvocationOperation call))
                {
                    continue;
                }

                var consume = KafkaConsumerSettings.IsConsume(call);
                if (!consume && !KafkaConsumerSettings.IsStoreOffset(call))
                {
                    continue;
                }

                // A consume whose result is not kept in a local has nothing to persist: its consumer's configuration
                // (a search of the type's constructors) is not read.
                var result = consume ? ResultOf(call) : null;
                if (consume && result == null)
                {
                    continue;
                }

                var config = ConsumerConfiguration.Of(call, body.Root, body.CancellationToken);
                if (config == null || config.AutoOffsetStore != true)
                {
                    continue;
                }

                if (!consume)
                {
                    body.Report(Diagnostic.Create(Descriptors.Race010StoreOffsetRejected, call.Syntax.GetLocation(), Fix(config, null, null), Text.Short(call.Syntax)));
                    continue;
                }

                if (config.AutoCommit != true)
                {
                    continue;
                }

                sites ??= RoleSite.Collect(body.Root, configured, summaries, maxDepth);
                var persist = sites.FirstOrDefault(site => site.Role == Role.Persist && site.Call.Syntax.SpanStart > call.Syntax.Span.End && site.Data.Contains(result!));
                if (persist != null)
                {
                    body.Report(Diagnostic.Create(
                        Descriptors.Race010OffsetStoredOnDelivery,
                        call.Syntax.GetLocation(),
                        new[] { persist.Call.Syntax.GetLocation() },
                        Fix(config, persist, result),
                        Text.Short(call.Syntax),
                        Text.Short(persist.Call.Syntax),
                        Text.Line(persist.Call.Syntax)));
                }
            }
        }

        /// <summary>The local the consume result is put in (<c>var result = consumer.Consume(ct);</c>).</summary>
        private static ILocalSymbol? ResultOf(IInvocationOperation consume)
            => consume.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;

        /// <summary>Where the fixer turns the automatic store off, and (for a consume) where it stores the offset.</summary>
        private static ImmutableDictionary<string, string?> Fix(ConsumerConfiguration config, RoleSite? persist, ILocalSymbol? result)
        {
            var fix = ImmutableDictionary<string, string?>.Empty
                .Add(FixProperties.FixKind, persist == null ? FixProperties.AutoOffsetStoreOffFix : FixProperties.StoreOffsetAfterWriteFix)
                .Add(FixProperties.ConfigStart, config.Creation.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
            if (persist != null && result != null && config.Creation.Syntax.SyntaxTree == persist.Call.Syntax.SyntaxTree)
            {
                fix = fix.Add(FixProperties.WriteStart, persist.Call.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                    .Add(FixProperties.ResultName, result.Name);
            }

            return fix;
        }
    }
}
