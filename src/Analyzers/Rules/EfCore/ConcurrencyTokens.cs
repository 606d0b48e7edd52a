using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.EfCore
{
    /// <summary>
    /// Whether EF Core checks a property for concurrent changes when it saves: the property is a concurrency token
    /// (<c>[ConcurrencyCheck]</c>, <c>IsConcurrencyToken()</c>), or its entity has a row version that changes on
    /// every update (<c>[Timestamp]</c>, <c>IsRowVersion()</c>, Npgsql's <c>xmin</c>). Fluent configuration is read
    /// from every <c>OnModelCreating</c> and <c>IEntityTypeConfiguration&lt;T&gt;</c> in the compilation, once.
    /// </summary>
    internal sealed class ConcurrencyTokens
    {
        private readonly Compilation _compilation;
        private readonly Lazy<HashSet<(ITypeSymbol Entity, string? Property)>> _fluent;

        public ConcurrencyTokens(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _fluent = new Lazy<HashSet<(ITypeSymbol, string?)>>(() => ReadFluent(cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public bool Protect(ITypeSymbol entity, IPropertySymbol property)
        {
            if (HasAttribute(property, rowVersion: false))
            {
                return true;
            }

            for (var type = entity; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol other && HasAttribute(other, rowVersion: true))
                    {
                        return true;
                    }
                }

                if (_fluent.Value.Contains((type, null)) || _fluent.Value.Contains((type, property.Name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, bool rowVersion)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (EfCoreShapes.IsConcurrencyAttribute(attribute, rowVersion))
                {
                    return true;
                }
            }

            return false;
        }

        private HashSet<(ITypeSymbol, string?)> ReadFluent(CancellationToken cancellationToken)
        {
            var found = new HashSet<(ITypeSymbol, string?)>(new EntryComparer());
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!MentionsFluentName(tree, cancellationToken))
                {
                    continue;
                }

#pragma warning disable RS1030 // Fluent configuration lives in other trees; read once per compilation, only in trees that name a token method.
                var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } && Array.IndexOf(EfCoreShapes.TokenConfigurationNames, access.Name.Identifier.ValueText) >= 0)
                    {
                        Record(found, access, model, cancellationToken);
                    }
                }
            }

            return found;
        }

        // Trees outlive compilations (the IDE makes a new compilation per keystroke and keeps every unchanged tree): a
        // keystroke rereads the edited file's text only, not every file's (bench/README.md, the IDE probe).
        private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> Mentions = new ConditionalWeakTable<SyntaxTree, StrongBox<bool>>();

        private static bool MentionsFluentName(SyntaxTree tree, CancellationToken cancellationToken)
            => Mentions.GetValue(tree, t => new StrongBox<bool>(TextMentionsFluentName(t, cancellationToken))).Value;

        private static bool TextMentionsFluentName(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken).ToString();
            foreach (var name in EfCoreShapes.TokenConfigurationNames)
            {
                if (text.IndexOf(name, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>builder.Property(p => p.Stock).IsConcurrencyToken()</c> protects Stock; <c>IsRowVersion()</c>, a token
        /// on <c>xmin</c> and <c>UseXminAsConcurrencyToken()</c> protect the whole entity (null property).
        /// </summary>
        private static void Record(HashSet<(ITypeSymbol, string?)> found, MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken)
        {
            var configuration = EfCoreShapes.TokenConfigurationOf(MethodOf(access.Parent!, model, cancellationToken));
            if (configuration == TokenConfiguration.WholeEntity)
            {
                if (EfCoreShapes.EntityConfiguredBy(model.GetTypeInfo(access.Expression, cancellationToken).Type) is { } whole)
                {
                    found.Add((whole, null));
                }

                return;
            }

            if (configuration == TokenConfiguration.None
                || !(access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax propertyAccess } propertyCall)
                || !EfCoreShapes.SelectsProperty(MethodOf(propertyCall, model, cancellationToken)))
            {
                return;
            }

            var entity = EfCoreShapes.EntityConfiguredBy(model.GetTypeInfo(propertyAccess.Expression, cancellationToken).Type);
            var name = PropertyNameOf(propertyCall);
            if (entity == null || name == null)
            {
                return;
            }

            found.Add((entity, configuration == TokenConfiguration.RowVersion || EfCoreShapes.IsRowVersionColumn(name) ? null : name));
        }

        /// <summary>The method a call binds to, or its one candidate when binding is incomplete (configuration code being typed).</summary>
        private static IMethodSymbol? MethodOf(SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
        {
            var info = model.GetSymbolInfo(call, cancellationToken);
            return (info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null)) as IMethodSymbol;
        }

        /// <summary><c>Property(p => p.Stock)</c>, <c>Property("Stock")</c>, <c>Property&lt;uint&gt;("xmin")</c>.</summary>
        private static string? PropertyNameOf(InvocationExpressionSyntax propertyCall)
        {
            if (propertyCall.ArgumentList.Arguments.Count != 1)
            {
                return null;
            }

            return propertyCall.ArgumentList.Arguments[0].Expression switch
            {
                SimpleLambdaExpressionSyntax { Body: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax { Body: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
                LiteralExpressionSyntax literal => literal.Token.ValueText,
                _ => null,
            };
        }

        private sealed class EntryComparer : IEqualityComparer<(ITypeSymbol Entity, string? Property)>
        {
            public bool Equals((ITypeSymbol Entity, string? Property) x, (ITypeSymbol Entity, string? Property) y)
                => SymbolEqualityComparer.Default.Equals(x.Entity.OriginalDefinition, y.Entity.OriginalDefinition) && x.Property == y.Property;

            public int GetHashCode((ITypeSymbol Entity, string? Property) entry)
                => SymbolEqualityComparer.Default.GetHashCode(entry.Entity.OriginalDefinition) ^ (entry.Property?.GetHashCode() ?? 0);
        }
    }
}
