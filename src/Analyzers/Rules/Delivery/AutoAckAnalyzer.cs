using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Flow.Summaries;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// RACE010: messages the client library acknowledges on delivery, before the code persists them — the
    /// client-configuration form of RACE006. RabbitMQ: a consumer registered with <c>autoAck: true</c> whose
    /// handler persists the message. Kafka: see <see cref="AutoOffsetStore"/>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AutoAckAnalyzer : RaceAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Race010AcknowledgedOnDelivery, Descriptors.Race010OffsetStoredOnDelivery, Descriptors.Race010StoreOffsetRejected);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext start, ApiCatalog catalog, RaceOptions options)
        {
            var rabbit = BrokerShapes.HasRabbitMq(start.Compilation);
            var kafka = KafkaConsumerSettings.HasKafka(start.Compilation);
            if (!rabbit && !kafka)
            {
                return;
            }

            var summaries = RoleSummaries.For(start.Compilation, catalog.Delivery, options);
            if (rabbit)
            {
                AnalyzedBody.Register(
                    start,
                    block => InvokedNames.Of(block).Any(BrokerShapes.MayBeRabbitConsume),
                    body => Analyze(body, options.MethodsFor(body.Tree), summaries, options.MaxCallDepthFor(body.Tree)));
            }

            if (kafka)
            {
                AnalyzedBody.Register(
                    start,
                    block => InvokedNames.Of(block).Any(KafkaConsumerSettings.MayBeConsumerCall),
                    body => AutoOffsetStore.Analyze(body, options.MethodsFor(body.Tree), summaries, options.MaxCallDepthFor(body.Tree)));
            }
        }

        private static void Analyze(AnalyzedBody body, ConfiguredMethods configured, RoleSummaries summaries, int maxDepth)
        {
            foreach (var operation in BodyOperations.Of(body.Root).Descendants)
            {
                if (!(operation is IInvocationOperation consume) || !BrokerShapes.IsRabbitConsume(consume) || !(BrokerShapes.AutoAckArgument(consume) is { } autoAck) || !BrokerShapes.AcksAutomatically(autoAck)
                    || !(ConsumerHandlers.Of(consume) is { } handler))
                {
                    continue;
                }

                // The handler's work, followed through the calls it makes (a private method that records what it did).
                var persist = RoleSite.Collect(handler.Body, configured, summaries, maxDepth).FirstOrDefault(site => site.Role == Role.Persist)?.Call;
                if (persist == null)
                {
                    continue;
                }

                var fix = ImmutableDictionary<string, string?>.Empty
                    .Add(FixProperties.FixKind, FixProperties.ManualAckFix)
                    .Add(FixProperties.AutoAckStart, autoAck.Value.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                    .Add(FixProperties.HandlerStart, handler.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
                body.Report(Diagnostic.Create(
                    Descriptors.Race010AcknowledgedOnDelivery,
                    consume.Syntax.GetLocation(),
                    new[] { persist.Syntax.GetLocation() },
                    fix,
                    Text.Short(consume.Syntax),
                    Text.Short(persist.Syntax),
                    Text.Line(persist.Syntax)));
            }
        }
    }
}
