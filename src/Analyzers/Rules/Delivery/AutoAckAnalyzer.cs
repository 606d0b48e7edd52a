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
            if (start.Compilation.GetTypeByMetadataName("RabbitMQ.Client.IChannel") != null || start.Compilation.GetTypeByMetadataName("RabbitMQ.Client.IModel") != null)
            {
                AnalyzedBody.Register(
                    start,
                    block => InvokedNames.Of(block).Any(name => name == "BasicConsume" || name == "BasicConsumeAsync"),
                    body => Analyze(body, catalog, options.MethodsFor(body.Tree)));
            }

            if (start.Compilation.GetTypeByMetadataName("Confluent.Kafka.ConsumerConfig") != null)
            {
                var summaries = new RoleSummaries(start.Compilation, catalog.Delivery, options);
                AnalyzedBody.Register(
                    start,
                    block => InvokedNames.Of(block).Any(KafkaConsumerSettings.MayBeConsumerCall),
                    body => AutoOffsetStore.Analyze(body, options.MethodsFor(body.Tree), summaries, options.MaxCallDepthFor(body.Tree)));
            }
        }

        private static void Analyze(AnalyzedBody body, ApiCatalog catalog, ConfiguredMethods configured)
        {
            foreach (var operation in body.Root.Descendants())
            {
                if (!(operation is IInvocationOperation consume) || !BrokerShapes.IsRabbitConsume(consume) || !(BrokerShapes.AutoAckArgument(consume) is { } autoAck) || !BrokerShapes.AcksAutomatically(autoAck)
                    || !(ConsumerHandlers.Of(consume) is { } handler))
                {
                    continue;
                }

                var persist = handler.Body.Descendants().OfType<IInvocationOperation>().FirstOrDefault(call =>
                    catalog.Delivery.Classify(call, configured)?.Role == Role.Persist || catalog.Delivery.ClassifyByName(call, configured)?.Role == Role.Persist);
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
