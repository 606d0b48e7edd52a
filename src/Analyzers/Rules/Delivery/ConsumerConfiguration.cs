using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.Delivery
{
    /// <summary>
    /// The <c>ConsumerConfig</c> a Kafka consumer was made from, where the code shows it: the consumer is a local
    /// or a field given once (in the method, or in a constructor or initializer of its type in the same file) the
    /// result of a call that takes the config (<c>new ConsumerBuilder&lt;K, V&gt;(config).Build()</c>, a factory);
    /// the config is created there, or in a local of that function, with no constructor argument. Its two offset
    /// settings are read from the initializer and from later assignments in that function. Anything else is
    /// unknown, and unknown is never flagged.
    /// </summary>
    internal sealed class ConsumerConfiguration
    {
        private ConsumerConfiguration(IObjectCreationOperation creation, bool? autoOffsetStore, bool? autoCommit)
        {
            Creation = creation;
            AutoOffsetStore = autoOffsetStore;
            AutoCommit = autoCommit;
        }

        public IObjectCreationOperation Creation { get; }

        /// <summary>True (the default, or set so), false, or null when set to a value the code computes.</summary>
        public bool? AutoOffsetStore { get; }

        public bool? AutoCommit { get; }

        public static ConsumerConfiguration? Of(IInvocationOperation consumerCall, IOperation root, CancellationToken cancellationToken)
        {
            var consumer = OperationFacts.ReferencedSymbol(consumerCall.Instance);
            var made = consumer == null ? null : SingleValueOf(consumer, root, cancellationToken);
            // ConsumerBuilder takes the config as IEnumerable<KeyValuePair<string, string>>: look through the conversion.
            var config = made?.DescendantsAndSelf().OfType<IArgumentOperation>()
                .Select(a => OperationValues.SkipConversions(a.Value))
                .FirstOrDefault(value => KafkaConsumerSettings.IsConsumerConfig(value?.Type));
            if (config == null)
            {
                return null;
            }

            var function = OperationFacts.EnclosingFunction(config) ?? Root(config);
            if (config is IObjectCreationOperation inline)
            {
                return Read(inline, null, function);
            }

            if (config is ILocalReferenceOperation local && SingleValueOf(local.Local, function, cancellationToken) is IObjectCreationOperation created)
            {
                return Read(created, local.Local, function);
            }

            return null;
        }

        private static IOperation Root(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static ConsumerConfiguration? Read(IObjectCreationOperation creation, ILocalSymbol? local, IOperation function)
        {
            if (!KafkaConsumerSettings.IsConsumerConfig(creation.Type) || creation.Arguments.Length > 0)
            {
                return null;
            }

            bool? store = true, commit = true;
            var assignments = new List<ISimpleAssignmentOperation>();
            if (creation.Initializer != null)
            {
                assignments.AddRange(creation.Initializer.Initializers.OfType<ISimpleAssignmentOperation>());
            }

            if (local != null)
            {
                foreach (var operation in BodyOperations.Of(function).Descendants)
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } } assignment
                        && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                    {
                        assignments.Add(assignment);
                    }
                }
            }

            foreach (var assignment in assignments)
            {
                if (!(assignment.Target is IPropertyReferenceOperation property))
                {
                    continue;
                }

                // The settings are bool?: the constant sits under the conversion to nullable.
                var assigned = OperationValues.SkipConversions(assignment.Value);
                var value = assigned != null && assigned.ConstantValue.HasValue && assigned.ConstantValue.Value is bool constant ? constant : (bool?)null;
                switch (KafkaConsumerSettings.SettingOf(property.Property))
                {
                    case KafkaConsumerSettings.Setting.AutoOffsetStore:
                        store = value;
                        break;
                    case KafkaConsumerSettings.Setting.AutoCommit:
                        commit = value;
                        break;
                }
            }

            return new ConsumerConfiguration(creation, store, commit);
        }

        /// <summary>The one value a local gets in <paramref name="root"/>, or a field or property gets in its type's initializers and constructors (same file).</summary>
        private static IOperation? SingleValueOf(ISymbol symbol, IOperation root, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            if (symbol is ILocalSymbol)
            {
                foreach (var operation in BodyOperations.Of(root).AndSelf)
                {
                    CollectValue(operation, symbol, values);
                }
            }
            else if ((symbol is IFieldSymbol || symbol is IPropertySymbol) && root.SemanticModel is { } model)
            {
                foreach (var reference in symbol.ContainingType.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != model.SyntaxTree || !(reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
                    {
                        continue;
                    }

                    foreach (var member in type.Members)
                    {
                        SyntaxNode? body = member switch
                        {
                            ConstructorDeclarationSyntax constructor => constructor,
                            FieldDeclarationSyntax field => field.Declaration,
                            PropertyDeclarationSyntax property => property.Initializer,
                            _ => null,
                        };
                        if (body != null)
                        {
                            foreach (var node in body.DescendantNodesAndSelf().Where(n => MayGiveValueTo(n, symbol.Name)))
                            {
                                if (model.GetOperation(node, cancellationToken) is { } operation)
                                {
                                    foreach (var part in operation.DescendantsAndSelf())
                                    {
                                        CollectValue(part, symbol, values);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            return values.Count == 1 ? OperationValues.SkipConversions(values[0]) : null;
        }

        /// <summary>
        /// An assignment or initializer that may give <paramref name="name"/> its value, read from syntax so that a
        /// type's other fields and assignments are not bound: a target or declarator of another name cannot.
        /// </summary>
        private static bool MayGiveValueTo(SyntaxNode node, string name) => node switch
        {
            AssignmentExpressionSyntax assignment => !(TargetNames.Of(assignment.Left) is string assigned) || assigned == name,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText == name,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText == name,
            EqualsValueClauseSyntax => true,
            _ => false,
        };

        private static void CollectValue(IOperation operation, ISymbol symbol, List<IOperation> values)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol):
                    values.Add(initializer.Value);
                    break;
                case IFieldInitializerOperation field when symbol is IFieldSymbol f && field.InitializedFields.Contains(f, SymbolEqualityComparer.Default):
                    values.Add(field.Value);
                    break;
                case IPropertyInitializerOperation property when symbol is IPropertySymbol p && property.InitializedProperties.Contains(p, SymbolEqualityComparer.Default):
                    values.Add(property.Value);
                    break;
                case ISimpleAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedSymbol(assignment.Target), symbol):
                    values.Add(assignment.Value);
                    break;
            }
        }
    }
}
